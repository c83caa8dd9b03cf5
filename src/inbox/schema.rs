//! The inbox's one table, as its migration makes it.

diesel::table! {
    entries (id) {
        id -> Integer,
        year -> Integer,
        number -> Integer,
        received_at -> Text,
        received_name -> Text,
        input -> Text,
        municipality_code -> Text,
        evaluation_year -> Integer,
        evaluation_month -> Nullable<Integer>,
        file_name -> Text,
        evaluation_toml -> Text,
        report_text -> Nullable<Text>,
        source_url -> Text,
        contact -> Nullable<Text>,
        message -> Nullable<Text>,
        bytes -> BigInt,
        status -> Text,
        decided_at -> Nullable<Text>,
        reason -> Nullable<Text>,
        accepted_file -> Nullable<Text>,
    }
}
