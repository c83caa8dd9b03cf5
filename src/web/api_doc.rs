//! The API's description: the OpenAPI 3 document, assembled from the
//! handlers' `#[utoipa::path]` annotations as they are mounted (so it cannot
//! drift from the routes), served at `/api/v1/openapi.json`, and the human
//! page at `/api`.

use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, web};
use serde_json::Value;
use utoipa::OpenApi;

use super::AppState;
use crate::domain::CountyCode;
use crate::domain::dataset::Dataset;
use crate::views::api_page;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kompass API",
        version = "1",
        description = "Kommunkompassen results as data: municipalities, evaluations, criteria revisions, themes and the crosswalk, comparisons, rankings and changes. Read-only; municipality codes are four-character strings; missing figures are null, never zero. The same data as CSV: /data/kompass.csv, described in /data/datapackage.json.",
        license(name = "CC BY 4.0", url = "https://creativecommons.org/licenses/by/4.0/"),
    ),
    tags(
        (name = "register", description = "Municipalities and their evaluations"),
        (name = "reference", description = "Criteria revisions, themes and the crosswalk, benchmarks"),
        (name = "comparisons", description = "Compare, rankings and changes, as the pages show them"),
    )
)]
pub struct ApiDoc;

/// The values a parameter may take that only the registers know:
/// revisions, county codes, kommungrupper, `total` and the theme slugs. Written into the
/// document's parameter schemas, so a client (and Schemathesis) sees exactly
/// what the handlers accept; anything else is a 400.
pub fn data_enums(data: &Dataset) -> Vec<(&'static str, Vec<String>)> {
    let revisions = data
        .catalogue
        .revisions
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    let mut counties: Vec<CountyCode> = data.municipalities.iter().map(|m| m.county_code).collect();
    counties.sort();
    counties.dedup();
    let counties = counties.iter().map(ToString::to_string).collect();
    let metrics = std::iter::once("total".to_string())
        .chain(data.catalogue.themes.iter().map(|t| t.slug.clone()))
        .collect();
    let groups = data
        .places
        .groups()
        .iter()
        .map(|g| g.code.to_string())
        .collect();
    vec![
        ("revision", revisions),
        ("county", counties),
        ("group", groups),
        ("metric", metrics),
    ]
}

/// Sets `enum` on every parameter named in `enums`, in every operation.
pub fn with_enums(mut doc: Value, enums: &[(&str, Vec<String>)]) -> Value {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return doc;
    };
    for item in paths.values_mut() {
        let Some(params) = item
            .get_mut("get")
            .and_then(|op| op.get_mut("parameters"))
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        for param in params.iter_mut() {
            let name = param.get("name").and_then(Value::as_str).unwrap_or("");
            let Some((_, values)) = enums.iter().find(|(n, _)| *n == name) else {
                continue;
            };
            if let Some(schema) = param.get_mut("schema").and_then(Value::as_object_mut) {
                schema.insert("enum".into(), Value::from(values.clone()));
                schema.remove("pattern");
            }
        }
    }
    doc
}

/// Answers any address may get from the server itself, before a handler
/// runs: an address over the length cap, and "busy" when rendering waited
/// too long. Added to every operation so the document lists every status.
pub fn with_common_responses(mut doc: Value) -> Value {
    let error = |description: &str| {
        serde_json::json!({
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        })
    };
    let common = [
        ("414", error("The address is longer than 2048 characters")),
        (
            "503",
            error("Busy: try again after the seconds in Retry-After"),
        ),
    ];
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return doc;
    };
    for item in paths.values_mut() {
        let Some(responses) = item
            .get_mut("get")
            .and_then(|op| op.get_mut("responses"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        for (status, body) in &common {
            responses
                .entry(status.to_string())
                .or_insert_with(|| body.clone());
        }
    }
    doc
}

/// The finished document, serialized once at start-up.
pub struct ApiSpec {
    pub json: String,
    /// (path, summary) of every operation, for the human page.
    pub operations: Vec<(String, String)>,
}

impl ApiSpec {
    pub fn new(doc: &utoipa::openapi::OpenApi, data: &Dataset) -> Self {
        let value = match serde_json::to_value(doc) {
            Ok(v) => with_common_responses(with_enums(v, &data_enums(data))),
            Err(e) => {
                tracing::error!(error = %e, "could not serialize the OpenAPI document");
                Value::Object(Default::default())
            }
        };
        let operations = value
            .get("paths")
            .and_then(Value::as_object)
            .map(|paths| {
                paths
                    .iter()
                    .map(|(path, item)| {
                        let summary = item
                            .pointer("/get/summary")
                            .and_then(Value::as_str)
                            .unwrap_or_default();
                        (path.clone(), summary.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let json = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
        Self { json, operations }
    }
}

pub async fn openapi_json(spec: web::Data<ApiSpec>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(spec.json.clone())
}

pub async fn page(spec: web::Data<ApiSpec>, state: web::Data<AppState>) -> HttpResponse {
    let data = state.dataset();
    HttpResponse::Ok().content_type(ContentType::html()).body(
        api_page::render(&spec.operations, &data, state.settings.public_url.as_str()).into_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enums_go_into_the_named_parameters_only() {
        let doc = json!({"paths": {"/x": {"get": {"parameters": [
            {"name": "revision", "schema": {"type": "string", "pattern": "^v"}},
            {"name": "page", "schema": {"type": "integer"}}
        ]}}}});
        let out = with_enums(doc, &[("revision", vec!["v2020".into()])]);
        let params = &out["paths"]["/x"]["get"]["parameters"];
        assert_eq!(
            params[0]["schema"],
            json!({"type": "string", "enum": ["v2020"]})
        );
        assert_eq!(params[1]["schema"], json!({"type": "integer"}));
    }
}
