use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `course.yaml`: the course as a whole and the order it is taught in.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Course")]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    /// The course title, printed on the cover and in every footer.
    #[schemars(extend("examples" = ["Calm Hands: Baby Massage in Five Weeks"]))]
    pub title: String,
    /// Who teaches the course; printed in the header of every page.
    pub instructor: Instructor,
    /// The language the course is written in, and so of the fixed words on the page, such
    /// as "Page 1 of 2" (`en`, `de`, or a locale file of your own in `locales/`).
    #[serde(default = "default_language")]
    #[schemars(extend("examples" = ["en", "de", "fr"]))]
    pub language: String,
    /// The languages the course is translated into (`de`, `uk`, `ar`, ...): the texts of
    /// each are in `translations/<language>/`, and `course build` makes the parents'
    /// documents in each of them into `build/<language>/`.
    #[serde(default)]
    // Each is checked with its own messages (a code, not the course's own, named once).
    #[schemars(extend("examples" = [["de", "ar"]]))]
    pub translations: Vec<String>,
    /// `true` to make a text not yet translated, or translated from an older version of
    /// its source, an error instead of a warning (as `--strict` does).
    #[serde(default)]
    pub strict_translations: bool,
    /// Paper size of the PDFs.
    #[serde(default)]
    pub page_size: PageSize,
    /// The class sessions in the order they are taught.
    #[schemars(length(min = 1))]
    pub sessions: Vec<Session>,
    /// Dates, place and attendees of one run of the class (optional).
    #[serde(default)]
    pub class: Option<ClassDetails>,
    /// Safety rules that `course validate` enforces; each has a sensible default.
    #[serde(default)]
    pub safety: SafetySettings,
    /// Your own fonts, tried in order before the bundled ones: a folder inside the course
    /// with `Regular` (and optionally `Bold`, `Italic`, `BoldItalic`) as `.ttf`, `.otf` or
    /// `.ttc`, or one font file; or a list of such folders and files.
    #[serde(default)]
    pub fonts: Option<FontList>,
    /// A video for the whole course (an `https://` address): the handout prints a QR
    /// code that opens it.
    #[serde(default)]
    #[schemars(extend("examples" = ["https://example.org/videos/welcome"]))]
    pub video: Option<String>,
}

/// One font folder or file, or several in the order they are tried.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Fonts")]
#[serde(untagged)]
pub enum FontList {
    One(String),
    Several(#[schemars(length(min = 1))] Vec<String>),
}

impl FontList {
    pub fn paths(&self) -> Vec<&str> {
        match self {
            FontList::One(p) => vec![p.as_str()],
            FontList::Several(ps) => ps.iter().map(String::as_str).collect(),
        }
    }
}

fn default_language() -> String {
    "en".to_owned()
}

/// The instructor, as printed in the page header.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Instructor")]
#[serde(deny_unknown_fields)]
pub struct Instructor {
    /// Full name.
    #[schemars(extend("examples" = ["Maren Solberg"]))]
    pub name: String,
    /// Certification, for example "Certified Infant Massage Instructor".
    #[serde(default)]
    pub credential: Option<String>,
    /// Email address parents can write to.
    #[serde(default)]
    #[schemars(extend("examples" = ["you@example.org"]))]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Web address.
    #[serde(default)]
    pub website: Option<String>,
}

/// Paper size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Paper size")]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    /// 210 x 297 mm, used in most of the world.
    #[default]
    A4,
    /// 8.5 x 11 inches, used in North America.
    Letter,
    /// 148 x 210 mm, half of A4: a small booklet.
    A5,
}

/// One class session (usually one week).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Session")]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Session title, for example "Week 1: Legs and feet".
    #[schemars(extend("examples" = ["Week 1: Legs and feet"]))]
    pub title: String,
    /// A short welcome printed at the top of the handout (inline Markdown allowed).
    #[serde(default)]
    pub intro: Option<String>,
    /// Ids of the modules taught in this session, in order.
    #[schemars(length(min = 1))]
    #[schemars(extend("items" = { "type": "string", "pattern": crate::model::ID_PATTERN }, "examples" = [["why-massage", "legs-and-feet"]]))]
    pub modules: Vec<String>,
    /// What comes next week (inline Markdown allowed).
    #[serde(default)]
    pub next: Option<String>,
}

/// Details of one run of the class.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Class")]
#[serde(deny_unknown_fields)]
pub struct ClassDetails {
    /// Session dates in order, for example `2026-03-02`.
    #[serde(default)]
    #[schemars(extend("items" = { "type": "string", "format": "date" }, "examples" = [["2027-03-01", "2027-03-08"]]))]
    pub dates: Vec<String>,
    /// Where the class meets.
    #[serde(default)]
    pub place: Option<String>,
    /// Parents and babies enrolled; listed on the class checklists.
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// Set this to make each family on the class list its own folder of documents,
    /// `build/families/<name>/`: its handouts in its language, its practice log and a
    /// certificate of completion. The name of each folder, with `{parent}`, `{baby}` and
    /// `{number}` (its place on the list) filled in.
    #[serde(default)]
    #[schemars(extend("examples" = ["{baby}-{parent}", "{number}-{parent}"]))]
    pub family_files: Option<String>,
}

/// A parent and baby on the class list.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Attendee")]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    /// Parent's name.
    pub parent: String,
    /// Baby's name.
    pub baby: String,
    /// Baby's age in months at the start of the class.
    #[serde(default)]
    pub age_months: Option<u32>,
    /// The language the family reads: the course's `language` or one of its
    /// `translations`. Its own documents are made in it (the course's language when not
    /// given).
    #[serde(default)]
    #[schemars(extend("examples" = ["en", "uk", "ar"]))]
    pub language: Option<String>,
    /// The sessions the family came to, by number from 1, for its certificate (every
    /// session when not given).
    #[serde(default)]
    #[schemars(extend("items" = { "type": "integer", "minimum": 1 }, "examples" = [[1, 2, 4]]))]
    pub attended: Option<Vec<u32>>,
}

/// Safety rules checked by `course validate`. Sources differ on some of them, so they
/// can be tuned here.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Safety rules")]
#[serde(deny_unknown_fields, default)]
pub struct SafetySettings {
    /// The setup module must ask parents to wait at least this many minutes after a feed.
    pub min_minutes_after_feed: u32,
    /// Every oil must carry a patch-test note.
    pub require_patch_test: bool,
    /// Some setup module must list contraindications (when not to massage).
    pub require_contraindications: bool,
    /// Whether an essential oil (lavender, tea tree, ...) may be listed as a massage oil.
    /// Most guidance says never on a baby's skin.
    pub allow_essential_oils: bool,
    /// Youngest age, in months, an attendee's baby may have.
    pub min_age_months: u32,
    /// Oldest age, in months, an attendee's baby may have.
    pub max_age_months: u32,
}

impl Default for SafetySettings {
    fn default() -> Self {
        SafetySettings {
            min_minutes_after_feed: 45,
            require_patch_test: true,
            require_contraindications: true,
            allow_essential_oils: false,
            min_age_months: 0,
            max_age_months: 48,
        }
    }
}
