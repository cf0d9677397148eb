//! Module files. They flatten a shared header into each kind, and serde cannot combine
//! `deny_unknown_fields` with `flatten`, so unknown keys are caught by the schema check
//! (`additionalProperties: false`) before serde sees the file.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The five kinds of course module. The `kind` field of a module file picks one; the
/// template data carries it as `kind`, spelt as in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModuleKind {
    Benefits,
    KangarooCare,
    Setup,
    Strokes,
    ToddlerAdaptations,
}

impl ModuleKind {
    pub const ALL: [ModuleKind; 5] = [
        ModuleKind::Benefits,
        ModuleKind::KangarooCare,
        ModuleKind::Setup,
        ModuleKind::Strokes,
        ModuleKind::ToddlerAdaptations,
    ];

    /// The spelling used in YAML files.
    pub fn name(self) -> &'static str {
        match self {
            ModuleKind::Benefits => "benefits",
            ModuleKind::KangarooCare => "kangaroo-care",
            ModuleKind::Setup => "setup",
            ModuleKind::Strokes => "strokes",
            ModuleKind::ToddlerAdaptations => "toddler-adaptations",
        }
    }

    pub fn from_name(name: &str) -> Option<ModuleKind> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What a module of this kind is for, in a sentence.
    pub fn purpose(self) -> &'static str {
        match self {
            ModuleKind::Benefits => "Why massage helps: physical and emotional benefits and the evidence behind them.",
            ModuleKind::KangarooCare => "Kangaroo care: holding the baby skin to skin, step by step, with its safety points.",
            ModuleKind::Setup => "Getting ready: the room, materials, oils, timing, permission, cues and when not to massage.",
            ModuleKind::Strokes => "A group of massage strokes, each with its body area, direction, repetitions and steps.",
            ModuleKind::ToddlerAdaptations => "Tips and stroke changes for older babies and toddlers.",
        }
    }

    /// JSON Schema of a module file of this kind.
    pub fn schema(self) -> schemars::Schema {
        match self {
            ModuleKind::Benefits => schemars::schema_for!(BenefitsModule),
            ModuleKind::KangarooCare => schemars::schema_for!(KangarooCareModule),
            ModuleKind::Setup => schemars::schema_for!(SetupModule),
            ModuleKind::Strokes => schemars::schema_for!(StrokesModule),
            ModuleKind::ToddlerAdaptations => schemars::schema_for!(ToddlerAdaptationsModule),
        }
    }
}

/// A module file, once its `kind` is known.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Module {
    Benefits(BenefitsModule),
    KangarooCare(KangarooCareModule),
    Setup(SetupModule),
    Strokes(StrokesModule),
    ToddlerAdaptations(ToddlerAdaptationsModule),
}

impl Module {
    pub fn kind(&self) -> ModuleKind {
        match self {
            Module::Benefits(_) => ModuleKind::Benefits,
            Module::KangarooCare(_) => ModuleKind::KangarooCare,
            Module::Setup(_) => ModuleKind::Setup,
            Module::Strokes(_) => ModuleKind::Strokes,
            Module::ToddlerAdaptations(_) => ModuleKind::ToddlerAdaptations,
        }
    }

    pub fn id(&self) -> &str {
        &self.header().id
    }

    pub fn title(&self) -> &str {
        &self.header().title
    }

    pub fn image(&self) -> Option<&str> {
        self.header().image.as_deref()
    }

    /// Every picture the module names, its own and its strokes'.
    pub fn images(&self) -> Vec<&str> {
        let mut images: Vec<&str> = self.image().into_iter().collect();
        if let Module::Strokes(s) = self {
            images.extend(s.strokes.iter().filter_map(|s| s.image.as_deref()));
        }
        images
    }

    pub fn header(&self) -> &ModuleHeader {
        match self {
            Module::Benefits(m) => &m.header,
            Module::KangarooCare(m) => &m.header,
            Module::Setup(m) => &m.header,
            Module::Strokes(m) => &m.header,
            Module::ToddlerAdaptations(m) => &m.header,
        }
    }
}

/// Fields every module file starts with.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ModuleHeader {
    /// One of `benefits`, `kangaroo-care`, `setup`, `strokes`, `toddler-adaptations`.
    // Checked with its own messages before the file is read into these types, so the
    // schema shows it as the text it is written as.
    #[schemars(with = "String")]
    pub kind: ModuleKind,
    /// A short unique name that `course.yaml` uses to place the module in a session,
    /// for example `tummy-strokes`.
    #[schemars(extend("pattern" = crate::model::ID_PATTERN, "examples" = ["tummy-strokes"]))]
    pub id: String,
    /// Heading printed above the module.
    #[schemars(extend("examples" = ["Tummy strokes"]))]
    pub title: String,
    /// Opening paragraph (inline Markdown allowed: **bold**, *italic*).
    #[serde(default)]
    pub intro: Option<String>,
    /// A PNG or JPEG picture or an SVG drawing inside the course folder, printed under
    /// the title.
    #[serde(default)]
    pub image: Option<String>,
    /// What the picture shows, in a sentence, for readers who cannot see it.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// `true` when the picture is decoration only and says nothing a reader would miss.
    #[serde(default)]
    pub image_decorative: bool,
    /// A line printed under the picture.
    #[serde(default)]
    #[schemars(extend("examples" = ["Hand over hand, like a water wheel"]))]
    pub image_caption: Option<String>,
    /// How wide the picture is printed, as a share of the text width: 0.5 is half, 1 the
    /// whole width. Without it, a picture prints at its own size.
    #[serde(default)]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1, "examples" = [0.5]))]
    pub image_width: Option<f64>,
    /// A demonstration video (an `https://` address): the handout prints a QR code that
    /// opens it.
    #[serde(default)]
    #[schemars(extend("examples" = ["https://example.org/videos/legs"]))]
    pub video: Option<String>,
}

/// Why massage helps: physical and emotional benefits and the evidence behind them.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Benefits module")]
#[schemars(extend("additionalProperties" = false))]
pub struct BenefitsModule {
    #[serde(flatten)]
    pub header: ModuleHeader,
    /// Physical benefits, one per line.
    #[schemars(length(min = 1))]
    pub physical: Vec<String>,
    /// Emotional benefits, one per line.
    #[schemars(length(min = 1))]
    pub emotional: Vec<String>,
    /// A short note on what studies found.
    #[serde(default)]
    pub evidence: Option<String>,
    /// A reminder that every baby is different.
    #[serde(default)]
    pub note: Option<String>,
}

/// Kangaroo care: skin-to-skin contact.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Kangaroo care module")]
#[schemars(extend("additionalProperties" = false))]
pub struct KangarooCareModule {
    #[serde(flatten)]
    pub header: ModuleHeader,
    /// How to hold the baby, step by step.
    #[schemars(length(min = 1))]
    pub steps: Vec<String>,
    /// What skin-to-skin contact helps with.
    #[schemars(length(min = 1))]
    pub benefits: Vec<String>,
    /// Safety points, printed in the shaded safety box.
    #[schemars(length(min = 1))]
    pub safety: Vec<String>,
}

/// Getting ready: room, materials, oils, timing, permission and cues.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Setup module")]
#[schemars(extend("additionalProperties" = false))]
pub struct SetupModule {
    #[serde(flatten)]
    pub header: ModuleHeader,
    /// The room and surface.
    pub room: Room,
    /// What to bring or prepare.
    #[schemars(length(min = 1))]
    pub materials: Vec<Material>,
    /// Suitable oils, each with a patch-test note.
    #[serde(default)]
    pub oils: Vec<Oil>,
    /// When to massage.
    pub timing: Timing,
    /// How to ask the baby's permission before starting, step by step.
    #[serde(default)]
    pub permission: Vec<String>,
    /// Signs that the baby is enjoying the massage, or has had enough.
    #[serde(default)]
    pub cues: Option<Cues>,
    /// When not to massage.
    #[serde(default)]
    pub contraindications: Vec<String>,
}

/// The room where the massage happens.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Room")]
#[serde(deny_unknown_fields)]
pub struct Room {
    /// Room temperature in degrees Celsius.
    #[schemars(extend("examples" = [24]))]
    pub temperature_c: f64,
    /// Where the baby lies, for example "on the floor, on a towel over two pillows".
    pub surface: String,
    /// Other things to prepare in the room.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Something to prepare.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Material")]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// What it is, for example "pillow".
    pub item: String,
    /// How many, from 1 to 100.
    #[schemars(range(min = 1, max = 100), extend("examples" = [1]))]
    pub quantity: u32,
    /// A short note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A massage oil.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Oil")]
#[serde(deny_unknown_fields)]
pub struct Oil {
    /// Name of the oil, for example "cold-pressed sunflower oil".
    pub name: String,
    /// How to patch test it before first use.
    #[serde(default)]
    pub patch_test: Option<String>,
    /// Anything else parents should know.
    #[serde(default)]
    pub note: Option<String>,
}

/// When to massage.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Timing")]
#[serde(deny_unknown_fields)]
pub struct Timing {
    /// Minutes to wait after a feed.
    #[schemars(extend("examples" = [45]))]
    pub wait_after_feed_minutes: u32,
    /// How long a session at home lasts, in minutes.
    #[serde(default)]
    pub session_minutes: Option<u32>,
    /// The best moment, for example "the same calm time every day".
    #[serde(default)]
    pub best_time: Option<String>,
    /// When not to start.
    #[serde(default)]
    pub avoid_when: Vec<String>,
}

/// Baby's signals.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Baby's cues")]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// Signs the baby is enjoying it.
    #[schemars(length(min = 1))]
    pub engagement: Vec<String>,
    /// Signs the baby has had enough.
    #[schemars(length(min = 1))]
    pub disengagement: Vec<String>,
}

/// A group of massage strokes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Strokes module")]
#[schemars(extend("additionalProperties" = false))]
pub struct StrokesModule {
    #[serde(flatten)]
    pub header: ModuleHeader,
    /// The strokes, in the order they are taught.
    #[schemars(length(min = 1))]
    pub strokes: Vec<Stroke>,
}

/// One massage stroke.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Stroke")]
#[serde(deny_unknown_fields)]
pub struct Stroke {
    /// A short unique name that toddler adaptations refer to, for example `water-wheel`.
    #[schemars(extend("pattern" = crate::model::ID_PATTERN, "examples" = ["water-wheel"]))]
    pub id: String,
    /// The stroke's name as printed, for example "Water wheel".
    #[schemars(extend("examples" = ["Water wheel"]))]
    pub name: String,
    /// The part of the body it is for.
    pub body_area: BodyArea,
    /// Which way the hands move, for example "from hip to ankle".
    #[schemars(extend("examples" = ["From hip to ankle"]))]
    pub direction: String,
    /// How many times to repeat it, from 1 to 50.
    #[schemars(range(min = 1, max = 50), extend("examples" = [6]))]
    pub repetitions: u32,
    /// What to do, step by step (inline Markdown allowed).
    #[schemars(length(min = 1))]
    pub steps: Vec<String>,
    /// What to watch out for; printed right after the steps, with a warning sign.
    #[serde(default)]
    pub cautions: Vec<String>,
    /// A PNG or JPEG picture or an SVG drawing inside the course folder showing the
    /// stroke.
    #[serde(default)]
    pub image: Option<String>,
    /// What the picture shows, in a sentence, for readers who cannot see it.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// `true` when the picture is decoration only and says nothing a reader would miss.
    #[serde(default)]
    pub image_decorative: bool,
    /// A line printed under the picture.
    #[serde(default)]
    #[schemars(extend("examples" = ["Hand over hand, like a water wheel"]))]
    pub image_caption: Option<String>,
    /// How wide the picture is printed, as a share of the text width: 0.5 is half, 1 the
    /// whole width. Without it, a picture prints at its own size (beside the steps, at
    /// most half the text width).
    #[serde(default)]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1, "examples" = [0.5]))]
    pub image_width: Option<f64>,
    /// Where the picture goes: `beside` the steps (the default) or `below` them.
    #[serde(default)]
    pub image_placement: Option<PicturePlacement>,
    /// A video showing the stroke (an `https://` address): the handout prints a QR code
    /// that opens it.
    #[serde(default)]
    #[schemars(extend("examples" = ["https://example.org/videos/water-wheel"]))]
    pub video: Option<String>,
}

/// Where a stroke's picture goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Picture placement")]
#[serde(rename_all = "lowercase")]
pub enum PicturePlacement {
    /// To the side of the steps.
    Beside,
    /// Under the steps.
    Below,
}

/// Body areas, in the order strokes are usually taught.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Body area")]
#[serde(rename_all = "lowercase")]
pub enum BodyArea {
    /// Thighs to ankles; where most babies accept touch first.
    Legs,
    /// Soles, heels and toes.
    Feet,
    /// The tummy, always clockwise to follow digestion.
    Tummy,
    /// The chest, from the centre outwards.
    Chest,
    /// Shoulders to wrists.
    Arms,
    /// Palms and fingers.
    Hands,
    /// Forehead, cheeks and jaw.
    Face,
    /// The back, with the baby on the tummy.
    Back,
}

/// Ways to adapt strokes for older babies and toddlers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Toddler adaptations module")]
#[schemars(extend("additionalProperties" = false))]
pub struct ToddlerAdaptationsModule {
    #[serde(flatten)]
    pub header: ModuleHeader,
    /// General tips for massaging a baby on the move.
    #[schemars(length(min = 1))]
    pub tips: Vec<String>,
    /// How particular strokes change for a toddler.
    #[schemars(length(min = 1))]
    pub adaptations: Vec<Adaptation>,
}

/// A stroke adapted for a toddler.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Toddler adaptation")]
#[serde(deny_unknown_fields)]
pub struct Adaptation {
    /// Id of the stroke this adapts (from a strokes module).
    #[schemars(extend("pattern" = crate::model::ID_PATTERN, "examples" = ["water-wheel"]))]
    pub stroke: String,
    /// What to do differently.
    pub how: String,
    /// A rhyme or song to go with it.
    #[serde(default)]
    pub rhyme: Option<String>,
}
