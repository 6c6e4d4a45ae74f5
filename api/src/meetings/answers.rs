//! A registration answer on the wire: a string (free text or one choice) or an array of strings
//! (several choices). poem-openapi's `Union` cannot say "string or array" without claiming an
//! object type, so the schema is written here.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use domain::ids::QuestionId;
use domain::meetings::Answer;
use poem_openapi::registry::{MetaSchema, MetaSchemaRef, Registry};
use poem_openapi::types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type};
use serde_json::Value;

/// More choices than any question offers (the domain allows 30 options).
const CHOICES_MAX: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerValue {
    Text(String),
    Choices(Vec<String>),
}

impl Type for AnswerValue {
    const IS_REQUIRED: bool = true;

    type RawValueType = Self;

    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "Answer".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            description: Some(
                "A text or the chosen option (string), or the chosen options (array of strings).",
            ),
            one_of: vec![
                <String as Type>::schema_ref(),
                MetaSchemaRef::Inline(Box::new(MetaSchema {
                    items: Some(Box::new(<String as Type>::schema_ref())),
                    max_items: Some(CHOICES_MAX),
                    ..MetaSchema::new("array")
                })),
            ],
            ..MetaSchema::ANY
        }))
    }

    fn register(_registry: &mut Registry) {}

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for AnswerValue {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            Value::String(text) => Ok(AnswerValue::Text(text)),
            Value::Array(items) if items.len() <= CHOICES_MAX => {
                let mut choices = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(choice) => choices.push(choice),
                        other => return Err(ParseError::expected_type(other)),
                    }
                }
                Ok(AnswerValue::Choices(choices))
            }
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl ToJSON for AnswerValue {
    fn to_json(&self) -> Option<Value> {
        Some(match self {
            AnswerValue::Text(text) => Value::String(text.clone()),
            AnswerValue::Choices(choices) => serde_json::json!(choices),
        })
    }
}

impl From<Answer> for AnswerValue {
    fn from(answer: Answer) -> Self {
        match answer {
            Answer::Text(text) | Answer::Choice(text) => AnswerValue::Text(text),
            Answer::Choices(choices) => AnswerValue::Choices(choices),
        }
    }
}

impl From<AnswerValue> for Answer {
    fn from(value: AnswerValue) -> Self {
        match value {
            AnswerValue::Text(text) => Answer::Text(text),
            AnswerValue::Choices(choices) => Answer::Choices(choices),
        }
    }
}

/// Answers keyed by question id, as sent. A key that is not a question id is an unknown
/// question, named as the domain names its fields (`answers.<key>`).
pub fn parse(
    answers: BTreeMap<String, AnswerValue>,
) -> Result<HashMap<QuestionId, Answer>, domain::Error> {
    let mut parsed = HashMap::new();
    let mut unknown = Vec::new();
    for (key, value) in answers {
        match key.parse::<QuestionId>() {
            Ok(id) => {
                parsed.insert(id, value.into());
            }
            Err(_) => unknown.push(domain::FieldError::new(
                format!("answers.{key}"),
                "unknown_question",
            )),
        }
    }
    if unknown.is_empty() {
        Ok(parsed)
    } else {
        Err(domain::Error::Invalid(unknown))
    }
}

/// Answers for the organisers, keyed by question id.
pub fn render(answers: Vec<(QuestionId, Answer)>) -> BTreeMap<String, AnswerValue> {
    answers
        .into_iter()
        .map(|(id, answer)| (id.to_string(), answer.into()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_arrays_of_strings() {
        assert_eq!(
            AnswerValue::parse_from_json(Some(serde_json::json!("ja"))).ok(),
            Some(AnswerValue::Text("ja".into()))
        );
        assert_eq!(
            AnswerValue::parse_from_json(Some(serde_json::json!(["a", "b"]))).ok(),
            Some(AnswerValue::Choices(vec!["a".into(), "b".into()]))
        );
        assert!(AnswerValue::parse_from_json(Some(serde_json::json!(3))).is_err());
        assert!(AnswerValue::parse_from_json(Some(serde_json::json!(["a", 1]))).is_err());
        assert!(AnswerValue::parse_from_json(Some(serde_json::json!(vec!["x"; 31]))).is_err());
    }

    #[test]
    fn keys_that_are_not_ids_are_unknown_questions() {
        let mut answers = BTreeMap::new();
        answers.insert("nope".to_owned(), AnswerValue::Text("x".into()));
        let Err(domain::Error::Invalid(fields)) = parse(answers) else {
            panic!("expected a field error");
        };
        assert_eq!(fields[0].field, "answers.nope");
    }
}
