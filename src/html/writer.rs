//! A small typed HTML writer: element and attribute names are fixed by the code
//! (`&'static str`), and every text and attribute value that comes from a course is
//! escaped on the way in, so no module, template or file name can open a tag, end the
//! stylesheet or leave an attribute.

/// An HTML document being written.
#[derive(Default)]
pub struct Html {
    out: String,
}

impl Html {
    /// Text between tags: `&`, `<` and `>` escaped.
    pub fn text(&mut self, text: &str) {
        html_escape::encode_text_to_string(text, &mut self.out);
    }

    /// A start tag with its attributes, each value escaped for a double-quoted attribute.
    pub fn open(&mut self, tag: &'static str, attributes: &[(&'static str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            html_escape::encode_double_quoted_attribute_to_string(value, &mut self.out);
            self.out.push('"');
        }
        self.out.push('>');
    }

    pub fn close(&mut self, tag: &'static str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// A whole element holding only text.
    pub fn element(&mut self, tag: &'static str, attributes: &[(&'static str, &str)], text: &str) {
        self.open(tag, attributes);
        self.text(text);
        self.close(tag);
    }

    /// Markup written by this program itself (the stylesheet, a line break): never
    /// anything read from a course.
    pub fn fixed(&mut self, markup: &'static str) {
        self.out.push_str(markup);
    }

    /// Markup made by this program from a checked drawing or a QR code: see
    /// [`super::figure`], the only maker of it.
    pub(super) fn made(&mut self, markup: &super::figure::Markup) {
        self.out.push_str(markup.as_str());
    }

    /// How many bytes are written so far.
    pub fn size(&self) -> usize {
        self.out.len()
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_cannot_break_out() {
        let mut html = Html::default();
        html.open("p", &[("title", "\"><script>x</script>")]);
        html.text("</style><script>alert('x')</script> & more");
        html.close("p");
        assert_eq!(
            html.finish(),
            "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;/style&gt;&lt;script&gt;alert('x')&lt;/script&gt; &amp; more</p>"
        );
    }
}
