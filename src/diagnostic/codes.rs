//! Stable codes for each kind of problem, as `--message-format json` gives them in
//! `code`. Editors and scripts match on these, never on the wording, which may improve.
//! A code, once published, keeps its meaning; new kinds of problem get new codes.
//!
//! This table is the list of codes: the slug, then what it means.

macro_rules! codes {
    ($($variant:ident $slug:literal $meaning:literal,)*) => {
        /// One kind of problem.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $(#[doc = $meaning] $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in JSON, such as `unknown-field`.
            pub fn slug(self) -> &'static str {
                match self {
                    $(Code::$variant => $slug,)*
                }
            }

            /// What the code means, in a sentence.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => $meaning,)*
                }
            }
        }
    };
}

codes! {
    // Reading files.
    FileUnreadable "file-unreadable" "A file cannot be read: it is missing, a link out of the course, a folder, refused by the system, or its name is not valid text.",
    FileTooLarge "file-too-large" "A file is larger than course files may be.",
    FileEncoding "file-encoding" "A file is not UTF-8 text (UTF-16, Latin-1, a picture saved as .yaml, ...).",
    NoModulesFolder "no-modules-folder" "The course has no `modules` folder.",
    TooManyModules "too-many-modules" "The course has more module files than the limit.",
    // YAML syntax.
    YamlSyntax "yaml-syntax" "A line cannot be read as fields and lists (an unclosed quote or bracket, a tab, a missing colon, ...).",
    YamlTooComplex "yaml-too-complex" "A file nests too deeply, or holds or expands to too many values.",
    DuplicateField "duplicate-field" "A field is written twice in the same group.",
    EmptyFile "empty-file" "A file has nothing in it.",
    CommentInText "comment-in-text" "A text is followed by ` #` on its line, so the rest of the line is a comment and is left out (a warning).",
    NotFields "not-fields" "A file is not a list of `field: value` lines.",
    // Shape: what the schema says.
    MissingKind "missing-kind" "A module file does not say its `kind`.",
    UnknownKind "unknown-kind" "A module's `kind` is not one of the kinds of module.",
    UnknownField "unknown-field" "A field that this place does not have (often a misspelling).",
    MissingField "missing-field" "A required field is missing.",
    EmptyValue "empty-value" "A field has nothing after its colon.",
    TextWithColon "text-with-colon" "A text holds `: `, so it reads as a field instead of text.",
    NotText "not-text" "A value meant as text reads as a number or yes/no value; it needs quotes.",
    WrongType "wrong-type" "A value of the wrong type: text where a number or a list belongs, and so on.",
    NotAChoice "not-a-choice" "A value that is not one of the allowed choices (a body area, a page size, ...).",
    TooSmall "too-small" "A number is below the smallest allowed.",
    TooLarge "too-large" "A number is above the largest allowed.",
    EmptyList "empty-list" "A list that needs at least one item is empty.",
    BadId "bad-id" "An id is not written with small letters, digits and dashes.",
    BadDate "bad-date" "A date is not written as year-month-day, or is not a real date.",
    NotValid "not-valid" "A value the schema refuses for another reason.",
    ValueUnusable "value-unusable" "A value that passed the schema but still cannot be used.",
    // Text.
    EmptyText "empty-text" "A quoted text is empty.",
    TextTooLong "text-too-long" "A text is longer than the limit.",
    InvisibleCharacter "invisible-character" "A text holds an invisible character (a zero-width space, a direction override, ...).",
    ControlCharacter "control-character" "A text holds a control character.",
    UnprintableCharacter "unprintable-character" "A character the course's fonts cannot print.",
    // References between files.
    DuplicateModuleId "duplicate-module-id" "Two modules have the same id.",
    DuplicateStrokeId "duplicate-stroke-id" "Two strokes have the same id.",
    ModuleTwiceInSession "module-twice-in-session" "A session lists the same module twice.",
    UnknownModule "unknown-module" "A session names a module id that no module has.",
    ModuleNotTaught "module-not-taught" "A module is in no session (a warning).",
    UnknownStroke "unknown-stroke" "A toddler adaptation names a stroke id that no stroke has.",
    ChecksSkipped "checks-skipped" "Some checks did not run because a file could not be read; they run once it can (a warning).",
    PathOutsideCourse "path-outside-course" "A file named in the course is outside the course folder.",
    // Pictures and fonts.
    BadPicture "bad-picture" "A picture is missing, not PNG, JPEG or SVG, broken, too large, or a drawing that reaches outside itself.",
    PictureWithoutAlt "picture-without-alt" "A picture has no `image_alt` saying what it shows and is not marked `image_decorative`.",
    BadVideo "bad-video" "A `video` address is not an https:// web address.",
    BadFont "bad-font" "A font file or folder cannot be used.",
    // Safety rules and class details.
    NoSetupModule "no-setup-module" "The course has no setup module.",
    NoContraindications "no-contraindications" "No setup module says when not to massage.",
    ShortWaitAfterFeed "short-wait-after-feed" "The wait after a feed is shorter than the course's safety setting.",
    LongWaitAfterFeed "long-wait-after-feed" "The wait after a feed is longer than the time between feeds.",
    RoomTemperature "room-temperature" "The room temperature is not safe for an undressed baby.",
    NoPatchTest "no-patch-test" "An oil has no patch-test note.",
    EssentialOil "essential-oil" "An essential oil is listed as a massage oil.",
    BabyAge "baby-age" "An attendee's baby is outside the ages the course is for.",
    FamilyLanguage "family-language" "An attendee's `language` is neither the course's language nor one of its translations.",
    FamilyAttended "family-attended" "An attendee's `attended` names a session the course does not have, or one session twice.",
    FamilyFiles "family-files" "The `family_files` pattern names a part it cannot fill, or the class list has more families than one build makes documents for.",
    DatesOutOfOrder "dates-out-of-order" "A class date is not after the one before it.",
    DatesCount "dates-count" "The class has fewer (an error) or more (a warning) dates than sessions.",
    Placeholder "placeholder" "A detail is still the placeholder `course init` wrote, such as \"Your Name\" (a warning).",
    StarterLanguage "starter-language" "Texts are word for word a starter's in another language than the course's, so the handouts would mix languages (a warning).",
    // Templates, locales and documents.
    TemplateError "template-error" "A template cannot be read or fails when it fills in the course.",
    TemplateTooDeep "template-too-deep" "A template nests blocks, includes, quotes or lists too deeply.",
    TemplateNotUsed "template-not-used" "A template in `templates/` is used by no document (a warning).",
    UnknownTemplateName "unknown-template-name" "A course's own template prints a name its data does not have, so it prints nothing there (a warning).",
    OldTemplateName "old-template-name" "A course's own template uses a name the template data has replaced, such as `is_benefits` for `(eq kind \"benefits\")`; it still works (a warning).",
    UnknownLanguage "unknown-language" "The course's language has no words for the page (no locale file).",
    UnknownLocaleWord "unknown-locale-word" "A course's own locale file sets a word no page uses, often a misspelt key (a warning).",
    LocaleError "locale-error" "A locale file cannot be read, or is missing words.",
    DocumentError "document-error" "A document cannot be made into a PDF.",
    // Translations.
    BadTranslationLanguage "bad-translation-language" "A language in `translations` is not a language tag, is the course's own language, is named twice, or has no words for the page.",
    TranslationMissing "translation-missing" "A text, stroke or file is not translated yet, so it prints in the course's own language (a warning; an error when strict).",
    TranslationStale "translation-stale" "A text was translated from an older version of its source (a warning; an error when strict).",
    TranslationUnknown "translation-unknown" "A translation names a stroke, step, item, field or file its source does not have.",
    TranslationMismatch "translation-mismatch" "A translation's numbers, placeholders, Markdown marks or web addresses differ from its source.",
    TranslationUnchanged "translation-unchanged" "A translation is still word for word its source text (a warning).",
    TranslationPunctuation "translation-punctuation" "A translation ends with other punctuation than its source (a warning).",
    // Writing the PDFs.
    OutputBlocked "output-blocked" "Something in the output folder stops the build from writing a PDF.",
    OutputWriteFailed "output-write-failed" "The output folder cannot be created, locked or written.",
    // The command line.
    BadUsage "bad-usage" "The command was used wrongly: an unknown option, a folder that is not a course, ...",
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn slugs_are_unique_and_lowercase_words() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let slug = code.slug();
            assert!(seen.insert(slug), "{slug} twice");
            assert!(
                slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{slug}"
            );
            assert!(code.meaning().ends_with('.'), "{slug}");
        }
    }
}
