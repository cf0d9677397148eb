//! Details the starter `course.yaml` leaves for `course init` to fill in: printed for
//! parents as they are, so a course still holding one gets a warning.

use crate::diagnostic::{Code, Diagnostic};
use crate::field;
use crate::load::Course;
use crate::model::{PLACEHOLDER_EMAIL, PLACEHOLDER_NAME};

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    let Some(c) = &course.course else { return };
    let instructor = &c.value.instructor;
    let left = [
        (
            "name",
            Some(instructor.name.as_str()),
            PLACEHOLDER_NAME,
            "your name as parents will read it",
        ),
        (
            "email",
            instructor.email.as_deref(),
            PLACEHOLDER_EMAIL,
            "the email address parents can write to, or remove the line",
        ),
    ];
    for (key, value, placeholder, what) in left {
        if value != Some(placeholder) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                Code::Placeholder,
                c.place(field!["instructor", key]),
                format!("\"{placeholder}\" is the starter's placeholder and would be printed on every page"),
            )
            .hint(format!("write {what}")),
        );
    }
}
