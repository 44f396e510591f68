//! One event-emission path for a contract's many event types.

/// Implements `Encode` and `ink::env::Event` for an enum of `#[ink::event]` structs by handing
/// over to the event inside: what lands on chain (the inner event's signature topic, its topics,
/// its data) is exactly what emitting the inner event would give, and what the metadata
/// describes, but the contract holds one instance of `emit_event` instead of one per event type
/// (code is loaded, and paid for by the byte, on every call).
///
/// `event_path!(MyEvent, e, [MyEvent::A(e), MyEvent::B(e)])`: the enum, the name each pattern
/// binds the inner event to, and one pattern per event type.
#[macro_export]
macro_rules! event_path {
    ($enum:ty, $e:ident, [$($pattern:pat),+ $(,)?]) => {
        impl ::ink::scale::Encode for $enum {
            fn size_hint(&self) -> usize {
                match self {
                    $($pattern => $e.size_hint(),)+
                }
            }

            fn encode_to<T: ::ink::scale::Output + ?Sized>(&self, dest: &mut T) {
                match self {
                    $($pattern => $e.encode_to(dest),)+
                }
            }
        }

        impl ::ink::env::Event for $enum {
            /// Unused: `topics` builds each inner event's own topics, with that event's count.
            type RemainingTopics = ::ink::env::event::state::NoRemainingTopics;
            /// Each inner event's own signature is its first topic.
            const SIGNATURE_TOPIC: Option<[u8; 32]> = None;

            fn topics<E, B>(
                &self,
                builder: ::ink::env::event::TopicsBuilder<::ink::env::event::state::Uninit, E, B>,
            ) -> <B as ::ink::env::event::TopicsBuilderBackend<E>>::Output
            where
                E: ::ink::env::Environment,
                B: ::ink::env::event::TopicsBuilderBackend<E>,
            {
                match self {
                    $($pattern => $e.topics::<E, B>(builder),)+
                }
            }
        }
    };
}

/// Declares an enum of `#[ink::event]` structs, one variant per event named like its struct,
/// and gives it what the contract and its clients need, from this one list:
/// - [`event_path!`]'s `Encode` and `Event` (one emission path);
/// - `Debug` that prints the inner event (what a log shows);
/// - `decode_emitted(signature_topic, data)`, which turns an event found on chain (its first
///   topic and its data) back into the enum: what test harnesses and clients decode with.
///
/// ```ignore
/// helpdesk_common::event_enum! {
///     /// Any event of the ticket lifecycle.
///     pub enum TicketEvent { TicketOpened, Resolved }
/// }
/// ```
#[macro_export]
macro_rules! event_enum {
    ($(#[$meta:meta])* $vis:vis enum $enum:ident { $($event:ident),+ $(,)? }) => {
        $(#[$meta])*
        $vis enum $enum {
            $($event($event),)+
        }

        $crate::event_path!($enum, e, [$($enum::$event(e)),+]);

        impl ::core::fmt::Debug for $enum {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $(Self::$event(e) => ::core::fmt::Debug::fmt(e, f),)+
                }
            }
        }

        impl $enum {
            /// The event with this signature topic (an event's first topic on chain), decoded
            /// from its data; `None` if no event of this enum has that signature or the data
            /// does not decode.
            pub fn decode_emitted(signature_topic: &[u8; 32], data: &[u8]) -> Option<Self> {
                $(
                    if <$event as ::ink::env::Event>::SIGNATURE_TOPIC == Some(*signature_topic) {
                        return <$event as ::ink::scale::Decode>::decode(&mut &data[..])
                            .ok()
                            .map(Self::$event);
                    }
                )+
                None
            }
        }
    };
}
