//! The in-memory store behind every service: products, users, payment methods, orders and
//! uploaded files, seeded with a small catalog so that a fresh server has something to show.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use crate::pb::{
    BankTransfer, Category, CreditCard, DigitalWallet, Money, Order, OrderItem, OrderState, PaymentMethod, Product,
    ProductStatus, User, payment_method, product,
};

/// Everything the server knows, behind one lock. Handlers hold the lock only for the duration of
/// a synchronous read or update, never across an `.await`.
#[derive(Debug, Default)]
pub struct Store {
    data: Mutex<Data>,
    open_streams: AtomicUsize,
}

/// The tables of the store. Maps are ordered by ID, which is what pagination walks.
#[derive(Debug, Default)]
pub struct Data {
    pub products: BTreeMap<String, Product>,
    pub users: BTreeMap<String, User>,
    /// Payment methods by ID, with the ID of the user who owns each.
    pub payment_methods: BTreeMap<String, (String, PaymentMethod)>,
    pub orders: BTreeMap<String, Order>,
    /// How far the simulated shipment of each order has got (an index into its tracking steps).
    pub shipments: BTreeMap<String, usize>,
    pub files: BTreeMap<String, StoredFile>,
    next_product: u64,
    next_order: u64,
    next_file: u64,
}

/// An uploaded file.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub filename: String,
    pub content: Vec<u8>,
    pub checksum: String,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store with a small catalog, two users with saved payment methods and one paid order.
    pub fn seeded() -> Self {
        let store = Self::new();
        {
            let mut data = store.lock();
            let now = Some(prost_types::Timestamp::from(SystemTime::now()));
            let catalog = [
                ("Mechanical keyboard", Category::Electronics, 89, 990_000_000, "KB-001", &["keyboard", "usb-c"][..]),
                ("Noise-cancelling headphones", Category::Electronics, 199, 0, "HP-002", &["audio"]),
                ("Merino wool sweater", Category::Clothing, 59, 500_000_000, "SW-003", &["wool", "winter"]),
                ("The Rust Programming Language", Category::Books, 39, 950_000_000, "BK-004", &["rust", "programming"]),
                ("Single-origin coffee beans", Category::Food, 14, 0, "CF-005", &["coffee"]),
            ];
            for (name, category, units, nanos, sku, tags) in catalog {
                let id = data.next_product_id();
                data.products.insert(
                    id.clone(),
                    Product {
                        id,
                        name: name.into(),
                        description: format!("{name}, from the seed catalog."),
                        price: Some(usd(units, nanos)),
                        category: category.into(),
                        tags: tags.iter().map(|t| (*t).to_string()).collect(),
                        metadata: [("origin".to_string(), "seed".to_string())].into(),
                        created_at: now,
                        status: ProductStatus::Active.into(),
                        dimension: Some(product::Dimension {
                            width: 30.0,
                            height: 5.0,
                            depth: 12.0,
                            unit: "cm".into(),
                        }),
                        sku: sku.into(),
                    },
                );
            }
            for (id, name, email) in
                [("user-1", "Ada Lovelace", "ada@example.com"), ("user-2", "Alan Turing", "alan@example.com")]
            {
                data.users.insert(id.into(), User { id: id.into(), name: name.into(), email: email.into() });
            }
            let methods = [
                (
                    "pm-1",
                    "user-1",
                    payment_method::Method::CreditCard(CreditCard {
                        card_number_masked: "**** **** **** 4242".into(),
                        expiry_month: "12".into(),
                        expiry_year: "2030".into(),
                        brand: "visa".into(),
                    }),
                ),
                (
                    "pm-2",
                    "user-1",
                    payment_method::Method::DigitalWallet(DigitalWallet {
                        provider: "apple_pay".into(),
                        email: "ada@example.com".into(),
                    }),
                ),
                (
                    "pm-3",
                    "user-2",
                    payment_method::Method::BankTransfer(BankTransfer {
                        bank_name: "Example Bank".into(),
                        account_number_masked: "******7890".into(),
                        routing_number: "021000021".into(),
                    }),
                ),
            ];
            for (id, user, method) in methods {
                let pm = PaymentMethod { id: id.into(), method: Some(method) };
                data.payment_methods.insert(id.into(), (user.into(), pm));
            }
            let keyboard = data.products["prod-0001"].clone();
            let items = vec![OrderItem { product_id: keyboard.id, quantity: 1, unit_price: keyboard.price.clone() }];
            let order_id = data.next_order_id();
            let order = Order {
                id: order_id.clone(),
                user_id: "user-1".into(),
                items,
                total: keyboard.price,
                state: OrderState::Paid.into(),
                payment_method: Some(data.payment_methods["pm-1"].1.clone()),
                shipping_address: "12 Analytical Engine Way, London".into(),
                created_at: now,
                updated_at: now,
            };
            data.orders.insert(order_id, order);
        }
        store
    }

    /// Locks the tables. A poisoned lock (a handler panicked while holding it) is recovered: every
    /// update leaves the tables consistent before it can panic.
    pub fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many server streams (TrackOrder, Chat) are running now; tests use it to check that a
    /// cancelled call stops its work.
    pub fn open_streams(&self) -> usize {
        self.open_streams.load(Ordering::SeqCst)
    }

    /// Counts a running stream until the returned guard is dropped.
    pub fn stream_guard(self: &std::sync::Arc<Self>) -> StreamGuard {
        self.open_streams.fetch_add(1, Ordering::SeqCst);
        StreamGuard(std::sync::Arc::clone(self))
    }
}

/// Keeps [`Store::open_streams`] counting one stream while alive.
#[derive(Debug)]
pub struct StreamGuard(std::sync::Arc<Store>);

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.0.open_streams.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Data {
    /// The next free product ID; zero-padded so that ID order is creation order.
    pub fn next_product_id(&mut self) -> String {
        self.next_product += 1;
        format!("prod-{:04}", self.next_product)
    }

    /// The next free order ID.
    pub fn next_order_id(&mut self) -> String {
        self.next_order += 1;
        format!("order-{:04}", self.next_order)
    }

    /// The next free file ID.
    pub fn next_file_id(&mut self) -> String {
        self.next_file += 1;
        format!("file-{:04}", self.next_file)
    }

    /// The product that uses `sku`, other than `except`.
    pub fn product_with_sku(&self, sku: &str, except: &str) -> Option<&Product> {
        if sku.is_empty() {
            return None;
        }
        self.products.values().find(|p| p.sku == sku && p.id != except)
    }
}

/// US dollars.
pub fn usd(units: i64, nanos: i32) -> Money {
    Money { currency_code: "USD".into(), units, nanos }
}
