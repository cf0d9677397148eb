//! One integration test binary: runs the real `course` command on real files.

mod authoring;
mod build;
mod containment;
mod corpus;
mod hardening;
mod properties;
mod scripts;
mod support;
mod validate;
