//! The course's files as codespan draws their lines: named by the path the user types,
//! their text with control and direction characters written by name, and added only
//! when a drawn problem is in them (a course of thousands of files draws a few).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use codespan_reporting::files::{self, Files};

use super::visible::{visible, ShownText};
use crate::load::Course;
use crate::locate::shown;

struct ShownFile<'a> {
    name: String,
    /// The file as written, for column numbers.
    original: &'a str,
    shown: ShownText,
    line_starts: Vec<usize>,
}

pub struct ShownFiles<'a> {
    course: &'a Course,
    files: Vec<ShownFile<'a>>,
    ids: HashMap<&'a Path, Option<usize>>,
}

impl<'a> ShownFiles<'a> {
    pub fn new(course: &'a Course) -> Self {
        ShownFiles {
            course,
            files: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// The id of `file` for a label, if it is a source of the course.
    pub fn id(&mut self, file: &'a Path) -> Option<usize> {
        if let Some(id) = self.ids.get(file) {
            return *id;
        }
        let id = self.course.source(file).map(|source| {
            let shown_text = ShownText::new(&source.text);
            self.files.push(ShownFile {
                name: visible(&shown(&self.course.root, file).to_string_lossy()).into_owned(),
                original: &source.text,
                line_starts: files::line_starts(&shown_text.text).collect(),
                shown: shown_text,
            });
            self.files.len() - 1
        });
        self.ids.insert(file, id);
        id
    }

    /// `range` of the file `id` as written, in its shown text.
    pub fn range(&self, id: usize, range: Range<usize>) -> Range<usize> {
        let shown = &self.files[id].shown;
        shown.shown_offset(range.start)..shown.shown_offset(range.end)
    }

    fn file(&self, id: usize) -> Result<&ShownFile<'a>, files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }
}

impl<'f> Files<'f> for ShownFiles<'_> {
    type FileId = usize;
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: usize) -> Result<&'f str, files::Error> {
        Ok(&self.file(id)?.name)
    }

    fn source(&'f self, id: usize) -> Result<&'f str, files::Error> {
        Ok(&self.file(id)?.shown.text)
    }

    fn line_index(&'f self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let starts = &self.file(id)?.line_starts;
        Ok(starts
            .binary_search(&byte_index)
            .unwrap_or_else(|next| next - 1))
    }

    fn line_range(&'f self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.file(id)?;
        let start = |i: usize| match file.line_starts.get(i) {
            Some(start) => Ok(*start),
            None if i == file.line_starts.len() => Ok(file.shown.text.len()),
            None => Err(files::Error::LineTooLarge {
                given: i,
                max: file.line_starts.len() - 1,
            }),
        };
        Ok(start(line_index)?..start(line_index + 1)?)
    }

    /// Counted in the file as written, as every other format counts it: a named
    /// character is one column, however long its name.
    fn column_number(
        &'f self,
        id: usize,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let file = self.file(id)?;
        let offset = file.shown.file_offset(byte_index).min(file.original.len());
        let before = file.original.get(..offset).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Ok(before[line_start..].chars().count() + 1)
    }
}
