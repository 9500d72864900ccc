//! ProductService and UserService: unary CRUD, pagination, field masks and rich errors.

use std::collections::HashSet;

use ecommerce_example::pb::{
    Category, CreateProductRequest, DeleteProductRequest, GetProductRequest, GetUserRequest, ListProductsRequest,
    Money, Product, ProductStatus, UpdateProductRequest,
};
use tonic::Code;
use tonic_types::StatusExt as _;

use crate::common::{TestServer, mask, within};

#[allow(clippy::unnecessary_wraps)] // the shape of the message fields it fills
fn usd(units: i64, nanos: i32) -> Option<Money> {
    Some(Money { currency_code: "USD".into(), units, nanos })
}

fn violations(status: &tonic::Status) -> Vec<(String, String)> {
    let details = status.get_error_details();
    let bad = details.bad_request().expect("a google.rpc.BadRequest detail");
    bad.field_violations.iter().map(|v| (v.field.clone(), v.description.clone())).collect()
}

fn fields(status: &tonic::Status) -> Vec<String> {
    violations(status).into_iter().map(|(field, _)| field).collect()
}

#[tokio::test]
async fn get_product_returns_only_the_read_mask_fields() {
    let server = TestServer::start().await;
    let mut products = server.products().await;
    let request =
        GetProductRequest { product_id: "prod-0001".into(), read_mask: mask(&["name", "price.currency_code"]) };
    let response = within(products.get_product(request)).await.unwrap();
    assert_eq!(response.metadata().get("x-price-source").unwrap(), "live");
    let product = response.into_inner().product.unwrap();
    let expected = Product {
        name: "Mechanical keyboard".into(),
        price: Some(Money { currency_code: "USD".into(), units: 0, nanos: 0 }),
        ..Product::default()
    };
    assert_eq!(product, expected);

    let full = within(products.get_product(GetProductRequest { product_id: "prod-0001".into(), read_mask: None }))
        .await
        .unwrap()
        .into_inner()
        .product
        .unwrap();
    assert_eq!((full.id.as_str(), full.sku.as_str(), full.price), ("prod-0001", "KB-001", usd(89, 990_000_000)));
    assert!(full.created_at.is_some() && full.dimension.is_some() && !full.tags.is_empty());
}

#[tokio::test]
async fn unknown_product_is_not_found_with_error_info_and_resource_info() {
    let server = TestServer::start().await;
    let mut products = server.products().await;
    let request = GetProductRequest { product_id: "prod-9999".into(), read_mask: None };
    let status = within(products.get_product(request)).await.unwrap_err();
    assert_eq!(status.code(), Code::NotFound);
    let details = status.get_error_details();
    let info = details.error_info().expect("an ErrorInfo detail");
    assert_eq!(info.reason, "PRODUCT_NOT_FOUND");
    assert_eq!(info.domain, "ecommerce.example.com");
    assert_eq!(info.metadata.get("product").map(String::as_str), Some("prod-9999"));
    let resource = details.resource_info().expect("a ResourceInfo detail");
    assert_eq!((resource.resource_type.as_str(), resource.resource_name.as_str()), ("Product", "prod-9999"));
}

#[tokio::test]
async fn unknown_read_mask_paths_are_invalid_argument_with_field_violations() {
    let server = TestServer::start().await;
    let mut products = server.products().await;
    let paths = mask(&["name", "colour", "price.amount", "tags.first", "dimension.unit"]);
    let status = within(products.get_product(GetProductRequest { product_id: "prod-0001".into(), read_mask: paths }))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(fields(&status), ["read_mask.paths[1]", "read_mask.paths[2]", "read_mask.paths[3]"]);
    let descriptions: Vec<String> = violations(&status).into_iter().map(|(_, d)| d).collect();
    assert!(descriptions[0].contains("no field named \"colour\""), "{descriptions:?}");
    assert!(descriptions[2].contains("not a singular message"), "{descriptions:?}");

    let list = ListProductsRequest { read_mask: mask(&["nope"]), ..Default::default() };
    let status = within(products.list_products(list)).await.unwrap_err();
    assert_eq!(fields(&status), ["read_mask.paths[0]"]);
}

#[tokio::test]
async fn list_products_pages_through_the_catalog() {
    let server = TestServer::start().await;
    let mut products = server.products().await;
    let mut seen = Vec::new();
    let mut token = String::new();
    let mut pages = 0;
    for _ in 0..10 {
        let request = ListProductsRequest { page_size: 2, page_token: token.clone(), ..Default::default() };
        let page = within(products.list_products(request)).await.unwrap().into_inner();
        assert_eq!(page.total_size, 5);
        assert!(page.products.len() <= 2);
        seen.extend(page.products.into_iter().map(|p| p.id));
        pages += 1;
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ["prod-0001", "prod-0002", "prod-0003", "prod-0004", "prod-0005"]);

    let electronics = ListProductsRequest {
        category: Category::Electronics.into(),
        page_size: 1,
        read_mask: mask(&["id"]),
        ..Default::default()
    };
    let first = within(products.list_products(electronics.clone())).await.unwrap().into_inner();
    assert_eq!((first.total_size, first.products.len()), (2, 1));
    assert_eq!(first.products[0], Product { id: "prod-0001".into(), ..Product::default() });
    // A token only continues the listing it came from.
    let books = ListProductsRequest {
        category: Category::Books.into(),
        page_token: first.next_page_token.clone(),
        ..Default::default()
    };
    let status = within(products.list_products(books)).await.unwrap_err();
    assert_eq!((status.code(), fields(&status)), (Code::InvalidArgument, vec!["page_token".to_string()]));
    let next = ListProductsRequest { page_token: first.next_page_token, ..electronics };
    let second = within(products.list_products(next)).await.unwrap().into_inner();
    assert_eq!(second.products[0].id, "prod-0002");
    assert!(second.next_page_token.is_empty());

    let negative = ListProductsRequest { page_size: -1, ..Default::default() };
    let status = within(products.list_products(negative)).await.unwrap_err();
    assert_eq!(fields(&status), ["page_size"]);
}

#[tokio::test]
async fn create_product_validates_and_refuses_a_taken_sku() {
    let server = TestServer::start().await;
    let mut products = server.products().await;
    let invalid = CreateProductRequest {
        price: Some(Money { currency_code: "usd".into(), units: -1, nanos: 0 }),
        ..Default::default()
    };
    let status = within(products.create_product(invalid)).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(fields(&status), ["name", "price.currency_code", "price.units"]);

    let request = CreateProductRequest {
        name: "USB-C cable".into(),
        price: usd(9, 990_000_000),
        category: Category::Electronics.into(),
        sku: "CB-006".into(),
        ..Default::default()
    };
    let created = within(products.create_product(request.clone())).await.unwrap().into_inner().product.unwrap();
    assert_eq!((created.id.as_str(), created.status()), ("prod-0006", ProductStatus::Draft));
    assert!(created.created_at.is_some());

    let status = within(products.create_product(request)).await.unwrap_err();
    assert_eq!(status.code(), Code::AlreadyExists);
    let details = status.get_error_details();
    assert_eq!(details.resource_info().unwrap().resource_name, "prod-0006");
    assert_eq!(details.error_info().unwrap().reason, "PRODUCT_ALREADY_EXISTS");
}

#[tokio::test]
async fn update_product_changes_only_the_update_mask_fields() {
    let server = TestServer::start().await;
    let mut products = server.products().await;
    let incoming = Product {
        id: "prod-0001".into(),
        name: "Mechanical keyboard, TKL".into(),
        description: "not in the mask, so ignored".into(),
        price: usd(79, 0),
        ..Product::default()
    };
    let request = UpdateProductRequest { product: Some(incoming.clone()), update_mask: mask(&["name", "price.units"]) };
    let updated = within(products.update_product(request)).await.unwrap().into_inner().product.unwrap();
    assert_eq!(updated.name, "Mechanical keyboard, TKL");
    assert_eq!(updated.price, usd(79, 990_000_000), "only price.units changes");
    assert_eq!(updated.description, "Mechanical keyboard, from the seed catalog.");
    assert_eq!(updated.sku, "KB-001");

    let bad = UpdateProductRequest { product: Some(incoming.clone()), update_mask: mask(&["name", "weight"]) };
    let status = within(products.update_product(bad)).await.unwrap_err();
    assert_eq!(fields(&status), ["update_mask.paths[1]"]);
    let output_only = UpdateProductRequest { product: Some(incoming.clone()), update_mask: mask(&["created_at"]) };
    let status = within(products.update_product(output_only)).await.unwrap_err();
    assert_eq!(violations(&status), [("update_mask.paths[0]".into(), "created_at is output only".into())]);
    let clearing = UpdateProductRequest { product: Some(incoming.clone()), update_mask: mask(&["price"]) };
    let cleared = Product { price: None, ..incoming.clone() };
    let clearing = UpdateProductRequest { product: Some(cleared), ..clearing };
    let status = within(products.update_product(clearing)).await.unwrap_err();
    assert_eq!(fields(&status), ["product.price"]);

    // Without a mask every field is replaced, except the output-only ones.
    let replace = UpdateProductRequest { product: Some(incoming.clone()), update_mask: None };
    let replaced = within(products.update_product(replace)).await.unwrap().into_inner().product.unwrap();
    assert_eq!(replaced.description, incoming.description);
    assert!(replaced.tags.is_empty() && replaced.sku.is_empty());
    assert!(replaced.created_at.is_some(), "created_at is kept");

    let missing = Product { id: "prod-9999".into(), ..incoming };
    let status =
        within(products.update_product(UpdateProductRequest { product: Some(missing), update_mask: mask(&["name"]) }))
            .await
            .unwrap_err();
    assert_eq!(status.code(), Code::NotFound);
}

#[tokio::test]
async fn update_product_refuses_another_products_sku() {
    let server = TestServer::start().await;
    let mut products = server.products().await;
    let stealing = Product { id: "prod-0002".into(), sku: "KB-001".into(), ..Product::default() };
    let request = UpdateProductRequest { product: Some(stealing), update_mask: mask(&["sku"]) };
    let status = within(products.update_product(request)).await.unwrap_err();
    assert_eq!(status.code(), Code::AlreadyExists);
    assert_eq!(status.get_error_details().resource_info().unwrap().resource_name, "prod-0001");
}

#[tokio::test]
async fn delete_product_removes_it() {
    let server = TestServer::start().await;
    let mut products = server.products().await;
    let delete = || DeleteProductRequest { product_id: "prod-0003".into() };
    within(products.delete_product(delete())).await.unwrap();
    let get = GetProductRequest { product_id: "prod-0003".into(), read_mask: None };
    assert_eq!(within(products.get_product(get)).await.unwrap_err().code(), Code::NotFound);
    assert_eq!(within(products.delete_product(delete())).await.unwrap_err().code(), Code::NotFound);
    let all = within(products.list_products(ListProductsRequest::default())).await.unwrap().into_inner();
    let ids: HashSet<_> = all.products.iter().map(|p| p.id.as_str()).collect();
    assert_eq!((all.total_size, ids.contains("prod-0003")), (4, false));
}

#[tokio::test]
async fn get_user_finds_seeded_users_only() {
    let server = TestServer::start().await;
    let mut users = server.users().await;
    let user = within(users.get_user(GetUserRequest { user_id: "user-2".into() })).await.unwrap().into_inner();
    assert_eq!(user.user.unwrap().email, "alan@example.com");
    let status = within(users.get_user(GetUserRequest { user_id: "user-3".into() })).await.unwrap_err();
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.get_error_details().error_info().unwrap().reason, "USER_NOT_FOUND");
    let status = within(users.get_user(GetUserRequest::default())).await.unwrap_err();
    assert_eq!(fields(&status), ["user_id"]);
}
