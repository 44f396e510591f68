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
