//! One integration test binary: runs the real `course` command on real files.

mod authoring;
mod build;
mod containment;
mod drawings;
mod fuzz_short;
mod hardening;
mod hardening_budgets;
mod hardening_fonts;
mod hardening_gate;
mod hardening_memory;
mod hardening_messages;
mod hardening_watch;
mod hardening_writes;
mod messages;
mod mistakes;
mod packaging;
mod pages;
mod properties;
mod schema;
mod scripts;
mod snapshots;
mod support;
mod template_data;
mod terminal;
mod validate;
mod video;
