//! Languages by name: the names CLDR gives them in English and in their own language,
//! so that `German` or `Deutsch` at init's prompt is `de`, and a language without
//! built-in words (`no`, Norwegian) is named, never "corrected" to a built-in one that
//! is spelt alike (`nl`, Dutch).

/// (code, English name, own name), as CLDR writes them.
const NAMES: &[(&str, &str, &str)] = &[
    ("af", "Afrikaans", "Afrikaans"),
    ("am", "Amharic", "አማርኛ"),
    ("ar", "Arabic", "العربية"),
    ("az", "Azerbaijani", "azərbaycan"),
    ("bg", "Bulgarian", "български"),
    ("bn", "Bangla", "বাংলা"),
    ("bs", "Bosnian", "bosanski"),
    ("ca", "Catalan", "català"),
    ("cs", "Czech", "čeština"),
    ("cy", "Welsh", "Cymraeg"),
    ("da", "Danish", "dansk"),
    ("de", "German", "Deutsch"),
    ("el", "Greek", "Ελληνικά"),
    ("en", "English", "English"),
    ("es", "Spanish", "español"),
    ("et", "Estonian", "eesti"),
    ("eu", "Basque", "euskara"),
    ("fa", "Persian", "فارسی"),
    ("fi", "Finnish", "suomi"),
    ("fil", "Filipino", "Filipino"),
    ("fr", "French", "français"),
    ("ga", "Irish", "Gaeilge"),
    ("gl", "Galician", "galego"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("ha", "Hausa", "Hausa"),
    ("he", "Hebrew", "עברית"),
    ("hi", "Hindi", "हिन्दी"),
    ("hr", "Croatian", "hrvatski"),
    ("hu", "Hungarian", "magyar"),
    ("hy", "Armenian", "հայերեն"),
    ("id", "Indonesian", "Indonesia"),
    ("is", "Icelandic", "íslenska"),
    ("it", "Italian", "italiano"),
    ("ja", "Japanese", "日本語"),
    ("ka", "Georgian", "ქართული"),
    ("kk", "Kazakh", "қазақ тілі"),
    ("km", "Khmer", "ខ្មែរ"),
    ("ko", "Korean", "한국어"),
    ("ku", "Kurdish", "kurdî"),
    ("lb", "Luxembourgish", "Lëtzebuergesch"),
    ("lo", "Lao", "ລາວ"),
    ("lt", "Lithuanian", "lietuvių"),
    ("lv", "Latvian", "latviešu"),
    ("mk", "Macedonian", "македонски"),
    ("mn", "Mongolian", "монгол"),
    ("mr", "Marathi", "मराठी"),
    ("ms", "Malay", "Melayu"),
    ("mt", "Maltese", "Malti"),
    ("my", "Burmese", "မြန်မာ"),
    ("nb", "Norwegian Bokmål", "norsk bokmål"),
    ("ne", "Nepali", "नेपाली"),
    ("nl", "Dutch", "Nederlands"),
    ("nn", "Norwegian Nynorsk", "norsk nynorsk"),
    ("no", "Norwegian", "norsk"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("pl", "Polish", "polski"),
    ("ps", "Pashto", "پښتو"),
    ("pt", "Portuguese", "português"),
    ("ro", "Romanian", "română"),
    ("ru", "Russian", "русский"),
    ("si", "Sinhala", "සිංහල"),
    ("sk", "Slovak", "slovenčina"),
    ("sl", "Slovenian", "slovenščina"),
    ("so", "Somali", "Soomaali"),
    ("sq", "Albanian", "shqip"),
    ("sr", "Serbian", "српски"),
    ("sv", "Swedish", "svenska"),
    ("sw", "Swahili", "Kiswahili"),
    ("ta", "Tamil", "தமிழ்"),
    ("te", "Telugu", "తెలుగు"),
    ("th", "Thai", "ไทย"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("tr", "Turkish", "Türkçe"),
    ("uk", "Ukrainian", "українська"),
    ("ur", "Urdu", "اردو"),
    ("uz", "Uzbek", "o‘zbek"),
    ("vi", "Vietnamese", "Tiếng Việt"),
    ("yo", "Yoruba", "Èdè Yorùbá"),
    ("zh", "Chinese", "中文"),
    ("zu", "Zulu", "isiZulu"),
];

/// The English name of the language of `tag` (`no-NO` is Norwegian), if it is a
/// language CLDR names.
pub fn english_name(tag: &str) -> Option<&'static str> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    NAMES
        .iter()
        .find(|(code, _, _)| *code == primary)
        .map(|(_, english, _)| *english)
}

/// The code of a language typed by its name, in English or in its own language
/// (`German`, `Deutsch`, `español`), in any case.
pub fn code_for_name(name: &str) -> Option<&'static str> {
    let name = name.trim().to_lowercase();
    NAMES
        .iter()
        .find(|(_, english, own)| english.to_lowercase() == name || own.to_lowercase() == name)
        .map(|(code, _, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_english_and_in_their_own_language() {
        assert_eq!(code_for_name("German"), Some("de"));
        assert_eq!(code_for_name("deutsch"), Some("de"));
        assert_eq!(code_for_name("Español"), Some("es"));
        assert_eq!(code_for_name("Klingon"), None);
        assert_eq!(english_name("no"), Some("Norwegian"));
        assert_eq!(english_name("pt-BR"), Some("Portuguese"));
    }
}
