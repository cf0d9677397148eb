//! Audio / Video should go here (currently stub)

pub mod audio;
pub mod video;