//! Registration questions: free text, single choice or multiple choice, required or not.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder,
};
use serde_json::Value;

use super::QuestionKind;
use super::access::find_organised;
use crate::Services;
use crate::entities::registration_question;
use crate::error::{Error, Result};
use crate::ids::{MeetingId, QuestionId};
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{CODE_INVALID, CODE_REQUIRED, CODE_TOO_LONG, Validator, limits};

impl TenantOwned for registration_question::Entity {
    fn tenant_column() -> Self::Column {
        registration_question::Column::TenantId
    }
}

pub const OPTIONS_MAX: usize = 30;
pub const QUESTIONS_MAX: usize = 30;
pub const ANSWER_MAX: usize = 2_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: QuestionId,
    pub position: i32,
    pub kind: QuestionKind,
    pub label: String,
    pub options: Vec<String>,
    pub required: bool,
}

#[derive(Clone, Debug)]
pub struct NewQuestion {
    pub kind: QuestionKind,
    pub label: String,
    pub options: Vec<String>,
    pub required: bool,
}

/// One participant's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    Choice(String),
    Choices(Vec<String>),
}

impl Answer {
    pub fn display(&self) -> String {
        match self {
            Answer::Text(text) | Answer::Choice(text) => text.clone(),
            Answer::Choices(choices) => choices.join("; "),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Answer::Text(text) | Answer::Choice(text) => Value::String(text.clone()),
            Answer::Choices(choices) => serde_json::json!(choices),
        }
    }

    pub(crate) fn from_json(value: &Value) -> Option<Answer> {
        match value {
            Value::String(text) => Some(Answer::Text(text.clone())),
            Value::Array(items) => Some(Answer::Choices(
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect(),
            )),
            _ => None,
        }
    }
}

fn from_model(model: registration_question::Model) -> Question {
    Question {
        options: serde_json::from_value(model.options).unwrap_or_default(),
        id: model.id,
        position: model.position,
        kind: model.kind,
        label: model.label,
        required: model.required,
    }
}

pub(crate) async fn of_meeting(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<Question>> {
    Ok(scope
        .find::<registration_question::Entity>()
        .filter(registration_question::Column::MeetingId.eq(meeting_id))
        .order_by_asc(registration_question::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(from_model)
        .collect())
}

pub async fn add(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    input: NewQuestion,
) -> Result<Question> {
    let mut v = Validator::new();
    let label = v.required("label", &input.label, limits::TITLE);
    let options: Vec<String> = input
        .options
        .iter()
        .map(|o| v.required("options", o, limits::NAME))
        .collect();
    match input.kind {
        QuestionKind::Text if !options.is_empty() => v.add("options", "only_for_choices"),
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice if options.len() < 2 => {
            v.add("options", "too_few")
        }
        _ if options.len() > OPTIONS_MAX => v.add("options", "too_many"),
        _ => {}
    }
    v.finish()?;
    let txn = svc.db.begin_write().await?;
    find_organised(&txn, scope, meeting_id).await?;
    let existing = of_meeting(&txn, scope, meeting_id).await?;
    if existing.len() >= QUESTIONS_MAX {
        return Err(Error::conflict("too_many_questions"));
    }
    let position = existing.iter().map(|q| q.position).max().unwrap_or(0) + 1;
    let model = registration_question::ActiveModel {
        id: Set(QuestionId::new()),
        tenant_id: Set(scope.tenant_id()),
        meeting_id: Set(meeting_id),
        position: Set(position),
        kind: Set(input.kind),
        label: Set(label),
        options: Set(serde_json::json!(options)),
        required: Set(input.required),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(from_model(model))
}

pub async fn remove(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: QuestionId,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    find_organised(&txn, scope, meeting_id).await?;
    let deleted = scope
        .delete_many::<registration_question::Entity>()
        .filter(registration_question::Column::MeetingId.eq(meeting_id))
        .filter(registration_question::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(Error::NotFound);
    }
    txn.commit().await?;
    Ok(())
}

/// Checks answers against the questions; the result is the JSON stored on the registration.
/// Field names are `answers.<question id>`.
pub(crate) fn check_answers(
    questions: &[Question],
    answers: &HashMap<QuestionId, Answer>,
) -> Result<Value> {
    let mut v = Validator::new();
    let mut stored = serde_json::Map::new();
    for id in answers.keys() {
        if !questions.iter().any(|q| q.id == *id) {
            v.add(&format!("answers.{id}"), "unknown_question");
        }
    }
    for question in questions {
        let field = format!("answers.{}", question.id);
        let answer = answers.get(&question.id);
        let answer = match (question.kind, answer) {
            (_, None) => None,
            (QuestionKind::Text, Some(Answer::Text(text) | Answer::Choice(text))) => {
                let text = text.trim();
                if text.chars().count() > ANSWER_MAX {
                    v.add(&field, CODE_TOO_LONG);
                }
                (!text.is_empty()).then(|| Answer::Text(text.to_owned()))
            }
            (QuestionKind::SingleChoice, Some(Answer::Text(choice) | Answer::Choice(choice))) => {
                if choice.is_empty() {
                    None
                } else if question.options.contains(choice) {
                    Some(Answer::Choice(choice.clone()))
                } else {
                    v.add(&field, CODE_INVALID);
                    None
                }
            }
            (QuestionKind::SingleChoice, Some(Answer::Choices(choices))) if choices.len() <= 1 => {
                match choices.first() {
                    Some(choice) if question.options.contains(choice) => {
                        Some(Answer::Choice(choice.clone()))
                    }
                    Some(_) => {
                        v.add(&field, CODE_INVALID);
                        None
                    }
                    None => None,
                }
            }
            (QuestionKind::MultipleChoice, Some(answer)) => {
                let mut choices = match answer {
                    Answer::Choices(choices) => choices.clone(),
                    Answer::Text(choice) | Answer::Choice(choice) => vec![choice.clone()],
                };
                choices.retain(|c| !c.is_empty());
                choices.dedup();
                if choices.iter().any(|c| !question.options.contains(c)) {
                    v.add(&field, CODE_INVALID);
                }
                (!choices.is_empty()).then_some(Answer::Choices(choices))
            }
            (_, Some(_)) => {
                v.add(&field, CODE_INVALID);
                None
            }
        };
        match answer {
            Some(answer) => {
                stored.insert(question.id.to_string(), answer.to_json());
            }
            None if question.required => v.add(&field, CODE_REQUIRED),
            None => {}
        }
    }
    v.finish()?;
    Ok(Value::Object(stored))
}
