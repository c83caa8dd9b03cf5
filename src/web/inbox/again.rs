//! What the carried content is found to be when it is reviewed again on
//! send: the entry to put in the inbox and its receipt, or the review page
//! to answer with (a check failed, the year cannot be, a field is wrong).

use chrono::Utc;

use super::SendForm;
use crate::domain::dataset::Dataset;
use crate::import::review::{Review, SnapshotRegisters, Unread};
use crate::inbox::{self, InputKind, NewEntry, sender};
use crate::views::format::{municipality_href, when};
use crate::views::pages::contribute::receipt::ReceiptView;
use crate::views::pages::contribute::review::{self as review_view, ReviewView};
use crate::views::pages::contribute::send::{self, Carried, SenderForm};

/// What reviewing the carried content again found.
pub(super) enum Again {
    Unread(Unread),
    /// A check failed, or the year cannot be: the review page again.
    NotTaken(Box<ReviewView>),
    /// A field of the sender's was wrong: the review page with the form.
    Fields(Box<ReviewView>),
    Taken(Box<(NewEntry, ReceiptView)>),
}

/// Reviews the carried content against `data` and reads the sender's
/// fields: the entry to store, or the page to answer with.
pub(super) fn review_again(carried: Carried, form: &SendForm, data: &Dataset) -> Again {
    let registers = SnapshotRegisters::new(data);
    let review = match inbox::curate::review_content(
        carried.input,
        &carried.name,
        &carried.content,
        &registers.get(),
    ) {
        Ok(review) => review,
        Err(unread) => return Again::Unread(unread),
    };
    let today = Utc::now().date_naive();
    let mut model = review_view::model(&review, &data.catalogue);
    let sending = send::offer(&review, carried, data, today);
    let taken = review.accepted() && sending.comparison.refusal.is_none();
    let fields = sender::read(&form.kalla, &form.kontakt, &form.meddelande);
    let (entry, receipt) = match (taken, fields) {
        (true, Ok(who)) => {
            let receipt = receipt_view(&review, &sending, &who, data);
            let entry = NewEntry {
                received_name: sending.carried.name.clone(),
                input: sending.carried.input,
                key: review.evaluation.key(),
                file_name: review.file_name(false),
                evaluation_toml: review.toml().unwrap_or_default(),
                report_text: (sending.carried.input == InputKind::Report)
                    .then(|| sending.carried.content.clone()),
                source_url: who.source_url,
                contact: who.contact,
                message: who.message,
            };
            (entry, receipt)
        }
        (taken, fields) => {
            let mut sending = sending;
            sending.form = SenderForm {
                source: form.kalla.clone(),
                contact: form.kontakt.clone(),
                message: form.meddelande.clone(),
                problems: fields.err().unwrap_or_default(),
            };
            if sending.comparison.refusal.is_some() {
                model.file = None;
            }
            model.sending = Some(sending);
            return if taken {
                Again::Fields(Box::new(model))
            } else {
                Again::NotTaken(Box::new(model))
            };
        }
    };
    Again::Taken(Box::new((entry, receipt)))
}

fn receipt_view(
    review: &Review,
    sending: &send::Sending,
    who: &sender::Sender,
    data: &Dataset,
) -> ReceiptView {
    let e = &review.evaluation;
    let municipality = data.municipality(e.municipality);
    let name = municipality.map_or_else(|| e.municipality.to_string(), |m| m.name.clone());
    ReceiptView {
        reference: String::new(),
        evaluation: format!("{name}, {}", when(e.year, e.month)),
        received: inbox::entry::received_swedish(sending.carried.input, &sending.carried.name),
        source: who.source_url.clone(),
        contact: who.contact.clone(),
        message: who.message.clone(),
        comparison: sending.comparison.clone(),
        municipality_href: municipality.map(municipality_href),
    }
}
