//! Allocation counts of one encode and one decode (what criterion cannot measure), with the
//! counting allocator installed for this test binary.

use protogate_seed_bench::alloc_count::{self, CountingAllocator};
use protogate_seed_bench::{codec, sample};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn the_counter_sees_this_threads_allocations() {
    assert!(alloc_count::is_installed());
    let (_, none) = alloc_count::count(|| 2 + 2);
    assert_eq!(none.count, 0);
    let (_, three) = alloc_count::count(|| (vec![1_u8], String::from("x"), Box::new(3_u32)));
    assert_eq!(three.count, 3);
}

#[test]
fn prost_encodes_in_one_allocation_and_json_needs_more() {
    let product = sample::product();
    let (protobuf, json) = codec::costs(&product);
    // encode_to_vec sizes the buffer from encoded_len first, so one allocation holds it all.
    assert_eq!(protobuf.encode.count, 1);
    assert_eq!(protobuf.encode.bytes, protobuf.encoded_bytes as u64);
    // serde_json grows its buffer as it writes.
    assert!(json.encode.count > 1, "{json:?}");
    assert!(json.encoded_bytes > protobuf.encoded_bytes, "{json:?} vs {protobuf:?}");
    // Decoding allocates every string, the tag vector and the map either way: at least one per
    // string field, tag and metadata key and value.
    let strings = 5 + 1 + 1 + product.tags.len() + 2 * product.metadata.len();
    assert!(protobuf.decode.count >= strings as u64, "{protobuf:?}");
    assert!(json.decode.count >= strings as u64, "{json:?}");
}
