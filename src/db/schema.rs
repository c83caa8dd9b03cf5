//! Diesel's view of the tables in `migrations/` (kept in step by the
//! `schema_matches_migrations` test).

diesel::table! {
    municipalities (code) {
        code -> Text,
        name -> Text,
        county_code -> Text,
        county -> Text,
    }
}

diesel::table! {
    themes (number) {
        number -> Integer,
        name -> Text,
        slug -> Text,
        heading -> Text,
    }
}

diesel::table! {
    revisions (id) {
        id -> Text,
        name -> Text,
        used -> Text,
        fallback -> Bool,
    }
}

diesel::table! {
    revision_areas (revision, number) {
        revision -> Text,
        number -> Integer,
        name -> Text,
        theme -> Integer,
        confidence -> Text,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    area_aliases (revision, number, alias) {
        revision -> Text,
        number -> Integer,
        alias -> Text,
    }
}

diesel::table! {
    catalogue_subareas (revision, code) {
        revision -> Text,
        code -> Text,
        area -> Integer,
        item -> Integer,
        name -> Text,
        max -> Text,
    }
}

diesel::table! {
    benchmarks (id) {
        id -> Integer,
        label -> Text,
        revision -> Text,
        year -> Integer,
        evaluations -> Nullable<Integer>,
        total -> Nullable<Text>,
        source_url -> Text,
        notes -> Nullable<Text>,
    }
}

diesel::table! {
    benchmark_areas (benchmark_id, number) {
        benchmark_id -> Integer,
        number -> Integer,
        points -> Text,
    }
}

diesel::table! {
    evaluations (key) {
        key -> Integer,
        id -> Text,
        municipality_code -> Text,
        year -> Integer,
        month -> Nullable<Integer>,
        evaluation_number -> Nullable<Integer>,
        revision -> Text,
        total -> Nullable<Text>,
        total_line -> Nullable<Integer>,
        evaluators -> Text,
        source_url -> Nullable<Text>,
        source_title -> Nullable<Text>,
        notes -> Nullable<Text>,
        origin -> Text,
        source_file -> Text,
        content_hash -> Text,
        imported_at -> Text,
        published -> Nullable<Text>,
        public_note -> Nullable<Text>,
        contribution_reference -> Nullable<Text>,
        contribution_accepted -> Nullable<Text>,
    }
}

diesel::table! {
    area_scores (evaluation_key, number) {
        evaluation_key -> Integer,
        number -> Integer,
        printed_name -> Nullable<Text>,
        points -> Text,
        percent -> Nullable<Text>,
        line -> Nullable<Integer>,
    }
}

diesel::table! {
    subarea_scores (evaluation_key, code) {
        evaluation_key -> Integer,
        code -> Text,
        area -> Integer,
        item -> Integer,
        name -> Nullable<Text>,
        points -> Text,
        max -> Text,
        percent -> Nullable<Text>,
        line -> Nullable<Integer>,
    }
}

diesel::table! {
    discrepancies (evaluation_key, position) {
        evaluation_key -> Integer,
        position -> Integer,
        figure -> Text,
        note -> Text,
    }
}

diesel::table! {
    area_texts (evaluation_key, area, kind) {
        evaluation_key -> Integer,
        area -> Integer,
        kind -> Text,
        text -> Text,
    }
}

diesel::table! {
    stated_changes (evaluation_key, position) {
        evaluation_key -> Integer,
        position -> Integer,
        figure -> Text,
        change -> Text,
        since -> Integer,
        source -> Text,
        quote -> Nullable<Text>,
        line -> Nullable<Integer>,
    }
}

diesel::table! {
    municipality_groups (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    places (code) {
        code -> Text,
        group_code -> Nullable<Text>,
        population -> Nullable<Integer>,
        population_year -> Nullable<Integer>,
        shape -> Text,
    }
}

diesel::table! {
    borders (a, b) {
        a -> Text,
        b -> Text,
        metres -> Integer,
    }
}

diesel::table! {
    meta (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::joinable!(area_scores -> evaluations (evaluation_key));
diesel::joinable!(subarea_scores -> evaluations (evaluation_key));
diesel::joinable!(discrepancies -> evaluations (evaluation_key));
diesel::joinable!(area_texts -> evaluations (evaluation_key));
diesel::joinable!(stated_changes -> evaluations (evaluation_key));
diesel::joinable!(evaluations -> municipalities (municipality_code));
diesel::joinable!(places -> municipalities (code));
diesel::joinable!(places -> municipality_groups (group_code));

diesel::allow_tables_to_appear_in_same_query!(
    municipalities,
    themes,
    revisions,
    revision_areas,
    area_aliases,
    catalogue_subareas,
    benchmarks,
    benchmark_areas,
    evaluations,
    area_scores,
    subarea_scores,
    discrepancies,
    area_texts,
    stated_changes,
    municipality_groups,
    places,
    borders,
    meta,
);
