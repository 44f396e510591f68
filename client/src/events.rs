//! Reading the events a call emitted: as a given type, or described (`Name { fields }`) through
//! each contract's own event list.

use crate::backend::Emitted;
use ink::scale::Decode;

/// The events of type `E` among `emitted`, in order (found by their signature topic).
pub fn of_type<E: ink::env::Event + Decode>(emitted: &[Emitted]) -> Vec<E> {
    let Some(topic) = E::SIGNATURE_TOPIC else {
        return Vec::new();
    };
    emitted
        .iter()
        .filter(|event| event.signature() == Some(topic))
        .filter_map(|event| E::decode(&mut &event.data[..]).ok())
        .collect()
}

/// An event of any of the suite's contracts in its Debug form, decoded by its signature topic (`unknown
/// event` for anything else).
pub fn describe(event: &Emitted) -> String {
    describe_event(event.signature(), &event.data)
}

/// [`describe`] from a signature topic and the event's data.
pub fn describe_event(topic: Option<[u8; 32]>, data: &[u8]) -> String {
    if let Some(signature) = topic {
        let decoded = help_desk::events::DeskEvent::decode_emitted(&signature, data)
            .map(|event| format!("{event:?}"))
            .or_else(|| {
                help_desk::events::AdminEvent::decode_emitted(&signature, data)
                    .map(|event| format!("{event:?}"))
            })
            .or_else(|| {
                loyalty_token::events::MinterEvent::decode_emitted(&signature, data)
                    .map(|event| format!("{event:?}"))
            })
            .or_else(|| {
                governor::events::GovernorEvent::decode_emitted(&signature, data)
                    .map(|event| format!("{event:?}"))
            });
        if let Some(text) = decoded {
            return text;
        }
    }
    // The psp22 crate's events have no Debug.
    if topic.is_some() && topic == <psp22::Transfer as ink::env::Event>::SIGNATURE_TOPIC {
        if let Ok(e) = psp22::Transfer::decode(&mut &data[..]) {
            return format!(
                "Transfer {{ from: {:?}, to: {:?}, value: {} }}",
                e.from, e.to, e.value
            );
        }
    }
    if topic.is_some() && topic == <psp22::Approval as ink::env::Event>::SIGNATURE_TOPIC {
        if let Ok(e) = psp22::Approval::decode(&mut &data[..]) {
            return format!(
                "Approval {{ owner: {:?}, spender: {:?}, amount: {} }}",
                e.owner, e.spender, e.amount
            );
        }
    }
    format!("unknown event ({} bytes)", data.len())
}
