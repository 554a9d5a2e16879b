//! The top-level `agencies` list: every agency named as lead or support,
//! grouped by fold key so "Ủy ban" and "Uỷ ban" count as one. Built up
//! document by document, so a batch need not keep its documents.

use crate::model::{AgencySummary, Document};
use crate::normalize::vietnamese::fold_key;
use std::collections::BTreeMap;

#[derive(Default)]
struct Acc {
    spellings: BTreeMap<String, usize>,
    lead: usize,
    support: usize,
}

#[derive(Default)]
pub struct Agencies {
    by_key: BTreeMap<String, Acc>,
}

impl Agencies {
    pub fn add(&mut self, doc: &Document) {
        for task in &doc.tasks {
            for (names, is_lead) in [(&task.lead, true), (&task.support, false)] {
                for name in names {
                    let acc = self.by_key.entry(fold_key(name)).or_default();
                    *acc.spellings.entry(name.clone()).or_default() += 1;
                    if is_lead {
                        acc.lead += 1;
                    } else {
                        acc.support += 1;
                    }
                }
            }
        }
    }

    pub fn finish(self) -> Vec<AgencySummary> {
        self.by_key
            .into_values()
            .map(|acc| {
                // The most frequent spelling names the agency; ties go to the first in order.
                let name = acc
                    .spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(n, _)| n.clone())
                    .unwrap_or_default();
                AgencySummary { name, spellings: acc.spellings.into_keys().collect(), lead: acc.lead, support: acc.support }
            })
            .collect()
    }
}
