//! Document types (`doc_types.toml`): title words, citation words, symbol codes.

use serde::Deserialize;

#[derive(Deserialize)]
pub struct RawDocTypes {
    #[serde(rename = "type")]
    types: Vec<RawType>,
    meta_types: Vec<String>,
    plan_headings: Vec<String>,
}

#[derive(Deserialize, Clone)]
struct RawType {
    id: String,
    title: Vec<String>,
    mention: Vec<String>,
    symbol: Vec<String>,
}

pub struct DocTypes {
    types: Vec<RawType>,
    meta_types: Vec<String>,
    plan_headings: Vec<String>,
}

impl DocTypes {
    pub fn compile(raw: RawDocTypes) -> Result<Self, regex::Error> {
        Ok(DocTypes { types: raw.types, meta_types: raw.meta_types, plan_headings: raw.plan_headings })
    }

    /// The type named by a header title line: the title word alone or
    /// followed by the title, all in capitals, not ending in ":" (that is the
    /// enacting formula "QUYẾT ĐỊNH:").
    pub fn title_type(&self, line: &str) -> Option<String> {
        let line = line.trim();
        if line.ends_with(':') || line.len() > 1000 || line.chars().any(char::is_lowercase) {
            return None;
        }
        self.types.iter().find_map(|t| {
            t.title.iter().find_map(|w| {
                let rest = line.strip_prefix(w.as_str())?;
                (rest.is_empty() || rest.starts_with(' ')).then(|| t.id.clone())
            })
        })
    }

    /// Whether a heading is one only plans and decisions have.
    pub fn is_plan_heading(&self, heading: &str) -> bool {
        // Compared in capitals: TCVN3 text has lost the case of accented capitals.
        let upper = heading.to_uppercase();
        self.plan_headings.iter().any(|h| upper.starts_with(h.as_str()))
    }

    /// The type of a citation word ("Nghị quyết", "Kế hoạch hành động").
    pub fn mention_type(&self, word: &str) -> Option<&str> {
        let folded = word.to_lowercase();
        self.types
            .iter()
            .find(|t| t.mention.iter().any(|m| m.to_lowercase() == folded))
            .map(|t| t.id.as_str())
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
        self.types.iter().find(|t| t.symbol.iter().any(|s| *s == code)).map(|t| t.id.as_str())
    }

    /// The contract's meta doc_type: ids outside its list become "other".
    pub fn meta_type(&self, id: &str) -> String {
        if self.meta_types.iter().any(|m| m == id) { id.to_string() } else { "other".to_string() }
    }
}
