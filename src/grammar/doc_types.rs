//! Document types (`doc_types.toml`): title words, citation words, symbol codes.

use serde::Deserialize;

#[derive(Deserialize)]
pub struct RawDocTypes {
    #[serde(rename = "type")]
    types: Vec<RawType>,
    meta_types: Vec<String>,
    plan_headings: Vec<String>,
    goal_types: Vec<String>,
}

#[derive(Deserialize, Clone)]
struct RawType {
    id: String,
    title: Vec<String>,
    mention: Vec<String>,
    symbol: Vec<String>,
    /// How a document of this type without a title line names its subject
    /// in the header ("V/v ..." of a Công văn).
    #[serde(default)]
    subject: Vec<String>,
}

pub struct DocTypes {
    types: Vec<RawType>,
    meta_types: Vec<String>,
    plan_headings: Vec<String>,
    goal_types: Vec<String>,
    /// Every citation word in lower case with the index of its type: asked
    /// for every reference mention, so lowered once here.
    mentions_lower: Vec<(String, usize)>,
}

impl DocTypes {
    pub fn compile(raw: RawDocTypes) -> Result<Self, regex::Error> {
        let mentions_lower =
            raw.types.iter().enumerate().flat_map(|(i, t)| t.mention.iter().map(move |m| (m.to_lowercase(), i))).collect();
        Ok(DocTypes {
            types: raw.types,
            meta_types: raw.meta_types,
            plan_headings: raw.plan_headings,
            goal_types: raw.goal_types,
            mentions_lower,
        })
    }

    /// The type named by a header title line: the title word alone or
    /// followed by the title, all in capitals, not ending in ":" (that is the
    /// enacting formula "QUYẾT ĐỊNH:").
    pub fn title_type(&self, line: &str) -> Option<String> {
        self.title_match(line).map(|(id, _)| id)
    }

    /// [`DocTypes::title_type`] and the text after the type word.
    pub fn title_match<'l>(&self, line: &'l str) -> Option<(String, &'l str)> {
        let line = line.trim();
        // "* THÔNG BÁO KẾT LUẬN ...": a saved page can keep a list mark before the title.
        let line = line.strip_prefix("* ").unwrap_or(line);
        if line.ends_with(':') || line.len() > 1000 {
            return None;
        }
        let starts_with = |w: &str| line.starts_with(w).then_some(w.len());
        let word_ends = |_: &str, rest: &str| rest.is_empty() || rest.starts_with(' ');
        if line.chars().any(char::is_lowercase) {
            // "NGHỊ ĐỊNHQuy định về chính sách ...": a page saved as text can
            // lose the break between the type word and a title in sentence case.
            let glued = |w: &str, rest: &str| {
                let mut cs = rest.chars();
                !w.chars().any(char::is_lowercase) && cs.next().is_some_and(char::is_uppercase) && cs.next().is_some_and(char::is_lowercase)
            };
            return self.title_after(line, starts_with, glued);
        }
        self.title_after(line, starts_with, word_ends)
            // A PDF set in a narrow column breaks words anywhere ("NGHỊ QUY ẾT").
            .or_else(|| self.title_after(line, |w| prefix_len_ignoring_spaces(line, w), word_ends))
    }

    /// The first type whose title word `prefix` finds at the start of `line`
    /// (its length there) with a rest that `follows` accepts: (type, rest).
    fn title_after<'l>(
        &self,
        line: &'l str,
        prefix: impl Fn(&str) -> Option<usize>,
        follows: impl Fn(&str, &str) -> bool,
    ) -> Option<(String, &'l str)> {
        self.types.iter().find_map(|t| {
            t.title.iter().find_map(|w| {
                let rest = &line[prefix(w)?..];
                follows(w, rest).then(|| (t.id.clone(), rest.trim_start()))
            })
        })
    }

    /// The type of a titleless document whose header line names its subject
    /// the way that type does ("Số: 5491/CT-CS V/v Chính sách thuế"), and
    /// the subject from its word on ("V/v Chính sách thuế"): such a
    /// document's title.
    pub fn subject_match<'l>(&self, line: &'l str) -> Option<(&str, &'l str)> {
        // (only a few types name a subject; the others need no word split)
        self.types.iter().filter(|t| !t.subject.is_empty()).find_map(|t| {
            let at = line
                .split_whitespace()
                .find(|word| t.subject.iter().any(|w| word.starts_with(w.as_str())))
                .map(|word| word.as_ptr() as usize - line.as_ptr() as usize)?;
            Some((t.id.as_str(), line[at..].trim_end()))
        })
    }

    /// Whether a heading is one only plans and decisions have.
    pub fn is_plan_heading(&self, heading: &str) -> bool {
        // Compared in capitals: TCVN3 text has lost the case of accented capitals.
        let upper = heading.to_uppercase();
        self.plan_headings.iter().any(|h| upper.starts_with(h.as_str()))
    }

    /// Whether a document of this type sets goals (`goal_types`).
    pub fn sets_goals(&self, id: &str) -> bool {
        self.goal_types.iter().any(|t| t == id)
    }

    /// The type of a citation word ("Nghị quyết", "Kế hoạch hành động").
    pub fn mention_type(&self, word: &str) -> Option<&str> {
        let folded = word.to_lowercase();
        let &(_, i) = self.mentions_lower.iter().find(|(m, _)| *m == folded)?;
        Some(self.types[i].id.as_str())
    }

    /// All citation words, longest first (for building alternations).
    pub fn mentions(&self) -> Vec<String> {
        let mut v: Vec<String> = self.types.iter().flat_map(|t| t.mention.iter().cloned()).collect();
        v.sort_by_key(|m| std::cmp::Reverse(m.len()));
        v
    }

    /// The type implied by a symbol ("QĐ-UBND" -> quyet_dinh, "50-KH/HU" -> ke_hoach).
    pub fn symbol_type(&self, symbol: &str) -> Option<&str> {
        let code: String = symbol
            .split(['-', '/'])
            .find(|p| p.chars().next().is_some_and(char::is_uppercase))?
            .to_string();
        self.types.iter().find(|t| t.symbol.contains(&code)).map(|t| t.id.as_str())
    }

    /// The contract's meta doc_type: ids outside its list become "other".
    pub fn meta_type(&self, id: &str) -> String {
        if self.meta_types.iter().any(|m| m == id) { id.to_string() } else { "other".to_string() }
    }
}

/// The length of the prefix of `line` that spells `word` when spaces are
/// ignored on both sides ("NGHỊ QUY ẾT" spells "NGHỊ QUYẾT").
fn prefix_len_ignoring_spaces(line: &str, word: &str) -> Option<usize> {
    let mut want = word.chars().filter(|&c| c != ' ').peekable();
    for (i, c) in line.char_indices() {
        if c == ' ' {
            continue;
        }
        if want.next() != Some(c) {
            return None;
        }
        if want.peek().is_none() {
            return Some(i + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::grammar::Grammar;

    #[test]
    fn a_title_broken_by_a_narrow_column_is_still_a_title() {
        let dt = &Grammar::builtin().doc_types;
        assert_eq!(dt.title_match("NGHỊ QUY ẾT VỀ VIỆC QUY ĐỊNH").map(|(t, rest)| (t, rest.to_string())), Some(("nghi_quyet".into(), "VỀ VIỆC QUY ĐỊNH".into())));
        assert_eq!(dt.title_type("KẾ HOẠCH"), Some("ke_hoach".into()));
        // The enacting formula and a longer word are no titles.
        assert_eq!(dt.title_type("QUYẾT ĐỊNH:"), None);
        assert_eq!(dt.title_type("KẾ HOẠCHX"), None);
    }

    #[test]
    fn a_title_glued_to_its_type_word_is_split_off() {
        let dt = &Grammar::builtin().doc_types;
        let line = "NGHỊ ĐỊNHQuy định về chính sách hỗ trợ sản xuất nông nghiệp";
        assert_eq!(dt.title_match(line).map(|(t, rest)| (t, rest.to_string())), Some(("nghi_dinh".into(), "Quy định về chính sách hỗ trợ sản xuất nông nghiệp".into())));
        // A sentence that opens with a type word is no title.
        assert_eq!(dt.title_type("Kế hoạch này được triển khai"), None);
        assert_eq!(dt.title_type("KẾ HOẠCH Tổ chức"), None);
    }
}
