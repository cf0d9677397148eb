//! Starters an editor offers for an empty module file (yaml-language-server reads
//! `defaultSnippets`): one per kind, each a module `course validate` accepts once the
//! placeholders are left as they are, with each tab stop used once.

use serde_json::{json, Value};

use crate::model::ModuleKind;

/// The starter for `kind`: label, description and body.
pub fn snippet(kind: ModuleKind) -> Value {
    let (label, body) = match kind {
        ModuleKind::Benefits => (
            "Benefits module",
            json!({
                "kind": "benefits",
                "id": "${1:why-it-helps}",
                "title": "${2:Why massage your baby?}",
                "physical": ["${3:Deeper, calmer sleep}"],
                "emotional": ["${4:Closeness between parent and baby}"],
            }),
        ),
        ModuleKind::KangarooCare => (
            "Kangaroo care module",
            json!({
                "kind": "kangaroo-care",
                "id": "${1:kangaroo-care}",
                "title": "${2:Skin to skin}",
                "steps": ["${3:Undress your baby down to the nappy.}"],
                "benefits": ["${4:Steadies breathing and heartbeat}"],
                "safety": ["${5:Keep your baby's face in view and the nose free.}"],
            }),
        ),
        ModuleKind::Setup => (
            "Setup module",
            json!({
                "kind": "setup",
                "id": "${1:room-and-oils}",
                "title": "${2:Getting ready}",
                "room": { "temperature_c": 24, "surface": "${3:On the floor, on a towel}" },
                "materials": [{ "item": "${4:towel}", "quantity": 1 }],
                "oils": [{
                    "name": "${5:cold-pressed sunflower oil}",
                    "patch_test": "${6:Rub a drop on the thigh and wait half an hour.}",
                }],
                "timing": { "wait_after_feed_minutes": 45 },
                "contraindications": ["${7:Fever or infection}"],
            }),
        ),
        ModuleKind::Strokes => (
            "Strokes module",
            json!({
                "kind": "strokes",
                "id": "${1:tummy-strokes}",
                "title": "${2:Tummy strokes}",
                "strokes": [{
                    "id": "${3:tummy-circles}",
                    "name": "${4:Tummy circles}",
                    "body_area": "${5|tummy,legs,feet,chest,arms,hands,face,back|}",
                    "direction": "${6:Clockwise around the navel}",
                    "repetitions": 6,
                    "steps": ["${7:Warm your hands and rest them flat on the tummy.}"],
                }],
            }),
        ),
        ModuleKind::ToddlerAdaptations => (
            "Toddler adaptations module",
            json!({
                "kind": "toddler-adaptations",
                "id": "${1:older-babies}",
                "title": "${2:Massage for older babies}",
                "tips": ["${3:Keep it short and playful.}"],
                "adaptations": [{
                    "stroke": "${4:tummy-circles}",
                    "how": "${5:Do it while your toddler sits on your lap.}",
                }],
            }),
        ),
    };
    json!({
        "label": label,
        "description": format!("A new {} module, with the fields it needs", kind.name()),
        "body": body,
    })
}
