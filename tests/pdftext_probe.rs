#[test]
fn probe() {
    let bytes = std::fs::read("courses/infant-massage/build/session-2-handout.pdf").unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    println!("{}", &text[..600.min(text.len())]);
}
