pub mod encrypt;
pub mod password;
pub mod signature;