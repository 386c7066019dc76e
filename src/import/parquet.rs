//! Parquet, as DuckDB (`COPY … TO 'x.parquet'`), BigQuery (`EXPORT DATA … format =
//! 'PARQUET'`) and Spark write it, through arrow-rs's reader (only the columns needed are
//! decoded): GDELT's columns by name become GDELT events (`gdelt`), any other table goes
//! through the table reader (columns recognised by name, or `--map`).
//!
//! Values are read as text the way the other readers see them: strings as they are,
//! integers and floats as numbers, DATE as `YYYY-MM-DD`, TIMESTAMP (seconds to nanoseconds)
//! as ISO 8601 (with `Z` when it has a zone), GDELT's SQLDATE as `YYYYMMDD` whatever its type,
//! CAMEO codes read as numbers given back their leading zeros. A column of another type
//! (lists, structs, maps, binary) is left out and said; a file without a usable date
//! column is an error that says so.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::builder::Builder;
use super::gdelt::{self, Layout, Part, RowIn};
use super::rows::{Mapper, Record};
use crate::load::{Hook, LoadError, Progress};
use crate::model::{Columns, Store, Tag};

/// Whether bytes are a Parquet file (`PAR1` at both ends).
pub fn is_parquet(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1")
}

/// The store's bytes, for arrow-rs (which takes a shared owner of bytes).
struct Owner(Store);

impl AsRef<[u8]> for Owner {
    fn as_ref(&self) -> &[u8] {
        self.0.bytes()
    }
}

/// One column of a batch, read as text.
enum Column<'b> {
    Str(&'b dyn Array, StrKind),
    Int(&'b dyn Array, IntKind),
    Float(&'b dyn Array, bool),
    Decimal(&'b dyn Array, bool),
    Bool(&'b arrow_array::BooleanArray),
    Date32(&'b arrow_array::Date32Array),
    Date64(&'b arrow_array::Date64Array),
    Time(&'b dyn Array, TimeUnit, bool),
}

#[derive(Clone, Copy)]
enum StrKind {
    Utf8,
    Large,
    View,
}

#[derive(Clone, Copy)]
enum IntKind {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

/// Whether annals can read a column of this type as text.
fn readable(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64
            | DataType::Float32
            | DataType::Float64
            | DataType::Decimal128(_, _)
            | DataType::Decimal256(_, _)
            | DataType::Boolean
            | DataType::Date32
            | DataType::Date64
            | DataType::Timestamp(_, _)
    )
}

impl<'b> Column<'b> {
    fn of(a: &'b ArrayRef) -> Option<Column<'b>> {
        let any: &dyn Array = a.as_ref();
        Some(match a.data_type() {
            DataType::Utf8 => Column::Str(any, StrKind::Utf8),
            DataType::LargeUtf8 => Column::Str(any, StrKind::Large),
            DataType::Utf8View => Column::Str(any, StrKind::View),
            DataType::Int8 => Column::Int(any, IntKind::I8),
            DataType::Int16 => Column::Int(any, IntKind::I16),
            DataType::Int32 => Column::Int(any, IntKind::I32),
            DataType::Int64 => Column::Int(any, IntKind::I64),
            DataType::UInt8 => Column::Int(any, IntKind::U8),
            DataType::UInt16 => Column::Int(any, IntKind::U16),
            DataType::UInt32 => Column::Int(any, IntKind::U32),
            DataType::UInt64 => Column::Int(any, IntKind::U64),
            DataType::Float32 => Column::Float(any, false),
            DataType::Float64 => Column::Float(any, true),
            DataType::Decimal128(_, _) => Column::Decimal(any, false),
            DataType::Decimal256(_, _) => Column::Decimal(any, true),
            DataType::Boolean => Column::Bool(a.as_boolean()),
            DataType::Date32 => Column::Date32(a.as_primitive::<Date32Type>()),
            DataType::Date64 => Column::Date64(a.as_primitive::<Date64Type>()),
            DataType::Timestamp(unit, zone) => Column::Time(any, *unit, zone.is_some()),
            _ => return None,
        })
    }

    fn array(&self) -> &dyn Array {
        match self {
            Column::Str(a, _)
            | Column::Int(a, _)
            | Column::Float(a, _)
            | Column::Decimal(a, _)
            | Column::Time(a, _, _) => *a,
            Column::Bool(a) => *a,
            Column::Date32(a) => *a,
            Column::Date64(a) => *a,
        }
    }

    /// The integer at `i`, for integer columns.
    fn int(&self, i: usize) -> Option<i64> {
        let Column::Int(a, kind) = self else {
            return None;
        };
        if a.is_null(i) {
            return None;
        }
        Some(match kind {
            IntKind::I8 => i64::from(a.as_primitive::<Int8Type>().value(i)),
            IntKind::I16 => i64::from(a.as_primitive::<Int16Type>().value(i)),
            IntKind::I32 => i64::from(a.as_primitive::<Int32Type>().value(i)),
            IntKind::I64 => a.as_primitive::<Int64Type>().value(i),
            IntKind::U8 => i64::from(a.as_primitive::<UInt8Type>().value(i)),
            IntKind::U16 => i64::from(a.as_primitive::<UInt16Type>().value(i)),
            IntKind::U32 => i64::from(a.as_primitive::<UInt32Type>().value(i)),
            IntKind::U64 => i64::try_from(a.as_primitive::<UInt64Type>().value(i)).ok()?,
        })
    }

    /// The day at `i`, for date and timestamp columns.
    fn day(&self, i: usize) -> Option<chrono::NaiveDate> {
        if self.array().is_null(i) {
            return None;
        }
        match self {
            Column::Date32(a) => chrono::NaiveDate::from_num_days_from_ce_opt(a.value(i) + 719_163),
            Column::Date64(a) => {
                chrono::DateTime::from_timestamp_millis(a.value(i)).map(|t| t.date_naive())
            }
            Column::Time(..) => self.instant(i).map(|t| t.date_naive()),
            _ => None,
        }
    }

    fn instant(&self, i: usize) -> Option<chrono::DateTime<chrono::Utc>> {
        let Column::Time(a, unit, _) = self else {
            return None;
        };
        match unit {
            TimeUnit::Second => chrono::DateTime::from_timestamp(
                a.as_primitive::<TimestampSecondType>().value(i),
                0,
            ),
            TimeUnit::Millisecond => chrono::DateTime::from_timestamp_millis(
                a.as_primitive::<TimestampMillisecondType>().value(i),
            ),
            TimeUnit::Microsecond => chrono::DateTime::from_timestamp_micros(
                a.as_primitive::<TimestampMicrosecondType>().value(i),
            ),
            TimeUnit::Nanosecond => Some(chrono::DateTime::from_timestamp_nanos(
                a.as_primitive::<TimestampNanosecondType>().value(i),
            )),
        }
    }

    /// The value at `i` as text ("" when null): a string as it is, else written into
    /// `scratch`.
    fn text<'s>(&'s self, i: usize, scratch: &'s mut String) -> &'s str {
        scratch.clear();
        let a = self.array();
        if a.is_null(i) {
            return "";
        }
        match self {
            Column::Str(a, StrKind::Utf8) => return a.as_string::<i32>().value(i),
            Column::Str(a, StrKind::Large) => return a.as_string::<i64>().value(i),
            Column::Str(a, StrKind::View) => return a.as_string_view().value(i),
            Column::Int(..) => {
                if let Some(n) = self.int(i) {
                    scratch.push_str(itoa::Buffer::new().format(n));
                }
            }
            Column::Float(a, wide) => {
                let x = if *wide {
                    a.as_primitive::<Float64Type>().value(i)
                } else {
                    f64::from(a.as_primitive::<Float32Type>().value(i))
                };
                if x.is_finite() {
                    scratch.push_str(ryu::Buffer::new().format(x));
                    if scratch.ends_with(".0") {
                        scratch.truncate(scratch.len() - 2);
                    }
                }
            }
            Column::Decimal(a, wide) => {
                let text = if *wide {
                    a.as_primitive::<arrow_array::types::Decimal256Type>()
                        .value_as_string(i)
                } else {
                    a.as_primitive::<arrow_array::types::Decimal128Type>()
                        .value_as_string(i)
                };
                scratch.push_str(&text);
            }
            Column::Bool(a) => scratch.push_str(if a.value(i) { "true" } else { "false" }),
            Column::Date32(_) | Column::Date64(_) => {
                if let Some(d) = self.day(i) {
                    let _ = write!(scratch, "{}", d.format("%Y-%m-%d"));
                }
            }
            Column::Time(_, _, zoned) => {
                if let Some(t) = self.instant(i) {
                    let _ = write!(scratch, "{}", t.naive_utc().format("%Y-%m-%dT%H:%M:%S%.f"));
                    if *zoned {
                        scratch.push('Z');
                    }
                }
            }
        }
        scratch
    }

    /// GDELT's SQLDATE as `YYYYMMDD`, whatever the column's type.
    fn sql_date<'s>(&'s self, i: usize, scratch: &'s mut String) -> &'s str {
        if let Some(n) = self.int(i) {
            scratch.clear();
            scratch.push_str(&gdelt::sql_date_number(n));
            return scratch;
        }
        if let Some(d) = self.day(i) {
            scratch.clear();
            let _ = write!(scratch, "{}", d.format("%Y%m%d"));
            return scratch;
        }
        let text = self.text(i, scratch);
        if text.len() == 10 && text.as_bytes()[4] == b'-' {
            let compact: String = text.chars().filter(|c| *c != '-').collect();
            *scratch = compact;
            return scratch;
        }
        // A string of another shape is given as it is, and said to be no date.
        let owned = text.to_string();
        *scratch = owned;
        scratch
    }

    /// A CAMEO code, its leading zeros given back when it was read as a number.
    fn code<'s>(&'s self, i: usize, root: bool, scratch: &'s mut String) -> &'s str {
        match self.int(i) {
            Some(n) => {
                *scratch = super::gdelt::cameo::from_number(n, root);
                scratch
            }
            None => self.text(i, scratch),
        }
    }
}

/// One Parquet file to read: its name in messages and its bytes.
struct File {
    name: String,
    reader: ParquetRecordBatchReaderBuilder<bytes::Bytes>,
}

/// Reads the rows of one Parquet file, or of several joined in `store` (`regions` says where
/// each begins: a folder written by Spark or BigQuery's `EXPORT DATA` with a wildcard), into
/// `b`. Several files must have the same columns.
pub fn read(
    store: &Store,
    name: &str,
    regions: &[(String, usize)],
    options: &super::Options,
    b: &mut Builder,
    hook: &mut Hook<'_>,
) -> Result<(), LoadError> {
    let fail = |path: &str, message: String| LoadError::Import {
        path: path.to_string(),
        message,
    };
    let all = bytes::Bytes::from_owner(Owner(store.clone()));
    let pieces: Vec<(String, bytes::Bytes)> = if regions.len() <= 1 {
        vec![(name.to_string(), all)]
    } else {
        regions
            .iter()
            .enumerate()
            .map(|(i, (file, start))| {
                let end = regions.get(i + 1).map_or(all.len(), |(_, next)| *next);
                (file.clone(), all.slice(*start..end))
            })
            .collect()
    };
    let mut files = Vec::with_capacity(pieces.len());
    for (file, bytes) in pieces {
        let reader = ParquetRecordBatchReaderBuilder::try_new(bytes)
            .map_err(|e| fail(&file, format!("cannot read the Parquet file: {e}")))?;
        files.push(File { name: file, reader });
    }
    let several = files.len() > 1;
    let total_rows: usize = files
        .iter()
        .map(|f| f.reader.metadata().file_metadata().num_rows().max(0) as usize)
        .sum();
    // Room for every row's event at once (the list is not copied as it grows).
    b.expect(total_rows);
    let schema = files[0].reader.schema().clone();
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    for f in &files[1..] {
        let theirs: Vec<&String> = f
            .reader
            .schema()
            .fields()
            .iter()
            .map(|f| f.name())
            .collect();
        if theirs
            .iter()
            .map(|n| n.as_str())
            .ne(names.iter().map(String::as_str))
        {
            return Err(fail(
                &f.name,
                format!(
                    "its columns are not those of {} ({} against {})",
                    files[0].name,
                    theirs.len(),
                    names.len()
                ),
            ));
        }
    }
    // GDELT's columns by name, unless a column map says how to read them.
    let gdelt_layout = match options.map {
        Some(_) => None,
        None => Layout::from_names(&names),
    };
    let wanted: Vec<usize> = match &gdelt_layout {
        Some(layout) => {
            let mut cols: Vec<usize> = vec![layout.id, layout.date];
            for a in &layout.actors {
                cols.extend(
                    a.name
                        .iter()
                        .chain(&a.code)
                        .chain(&a.country)
                        .chain(&a.known_group),
                );
                cols.extend(a.types.iter().flatten());
            }
            cols.extend(
                layout
                    .event_code
                    .iter()
                    .chain(&layout.quad)
                    .chain(&layout.url),
            );
            cols.extend(layout.shown.iter().map(|(c, _)| *c));
            cols.sort_unstable();
            cols.dedup();
            cols
        }
        None => (0..names.len()).collect(),
    };
    // Columns of a type annals cannot read are left out (and said); a required one is an error.
    let mut kept = Vec::new();
    for &c in &wanted {
        let field = schema.field(c);
        if readable(field.data_type()) {
            kept.push(c);
        } else {
            b.report.transformed.insert(
                format!(
                    "column `{}` left out: annals cannot read its type ({})",
                    field.name(),
                    field.data_type()
                ),
                1,
            );
        }
    }
    if let Some(layout) = &gdelt_layout {
        for (c, what) in [(layout.id, "GLOBALEVENTID"), (layout.date, "SQLDATE")] {
            if !kept.contains(&c) {
                return Err(fail(
                    name,
                    format!(
                        "its {what} column is of a type annals cannot read ({})",
                        schema.field(c).data_type()
                    ),
                ));
            }
        }
    }
    let kept_names: Vec<String> = kept.iter().map(|&c| names[c].clone()).collect();
    let mut rows_done = 0usize;
    let mut progress = |rows: usize, b: &Builder| {
        hook(Progress {
            bytes: (store.bytes().len() as u64 * rows as u64) / total_rows.max(1) as u64,
            total: store.bytes().len() as u64,
            events: b.kept().max(rows),
        })
        .is_continue()
    };
    // What the rows go into: GDELT's events, or the table reader.
    let mut gdelt = gdelt_layout.as_ref().map(|_| {
        b.report
            .map("GDELT's columns", "events as for a GDELT export");
        let layout = Layout::from_names(&kept_names).expect("GDELT's columns, kept");
        (Part::<'static>::new(total_rows), layout)
    });
    let mut table = match gdelt {
        Some(_) => None,
        None => {
            let mut t = super::table::Table::new(options.map.clone(), options.order);
            t.header(&kept_names, b).map_err(|m| fail(name, m))?;
            Some(t)
        }
    };
    let mut values: Vec<String> = vec![String::new(); kept_names.len()];
    let mut scratch = String::new();
    for file in files {
        let mask = ProjectionMask::roots(file.reader.parquet_schema(), kept.iter().copied());
        let batches = file
            .reader
            .with_projection(mask)
            .with_batch_size(8192)
            .build()
            .map_err(|e| fail(&file.name, format!("cannot read the Parquet file: {e}")))?;
        let mut first = 0usize;
        for batch in batches {
            let batch = batch
                .map_err(|e| fail(&file.name, format!("cannot read the Parquet file: {e}")))?;
            let place = |row: usize| match several {
                true => format!("{} row {row}", file.name),
                false => format!("row {row}"),
            };
            match (&mut gdelt, &mut table) {
                (Some((part, layout)), _) => {
                    let before = b.arena_len();
                    gdelt_batch(&batch, layout, first, &place, part, b);
                    // The rows' attribute lines go into one text: room for the rest of the
                    // file's, at this batch's size a row, so that it is not copied as it grows.
                    if rows_done == 0 && batch.num_rows() > 0 {
                        let each = (b.arena_len() - before) / batch.num_rows() + 1;
                        b.reserve(each * total_rows.saturating_sub(batch.num_rows()));
                    }
                }
                (None, Some(t)) => {
                    let cols: Vec<Column> = batch.columns().iter().filter_map(Column::of).collect();
                    for i in 0..batch.num_rows() {
                        for (c, v) in cols.iter().zip(values.iter_mut()) {
                            let text = c.text(i, &mut scratch);
                            v.clear();
                            v.push_str(text);
                        }
                        let r = Record {
                            names: &kept_names,
                            values: values.iter().map(String::as_str).collect(),
                            raw: None,
                        };
                        let row = first + i + 1;
                        t.row(&r, &|| place(row), b);
                    }
                }
                (None, None) => unreachable!("rows go to GDELT's events or to the table"),
            }
            first += batch.num_rows();
            rows_done += batch.num_rows();
            if !progress(rows_done, b) {
                return Err(LoadError::Cancelled {
                    path: name.to_string(),
                });
            }
        }
    }
    if let Some((part, layout)) = gdelt {
        let labels = layout.shown.iter().map(|(_, l)| Tag::from(*l));
        let columns = Arc::new(Columns {
            names: labels.clone().collect(),
            shown: labels.enumerate().map(|(i, l)| (i as u16, l)).collect(),
            delimiter: b'\t',
            quoted: false,
            dash_is_blank: false,
        });
        gdelt::build(vec![part], columns, b);
    }
    Ok(())
}

/// One batch of GDELT rows into `part`; each row's attributes written as one line of text.
fn gdelt_batch(
    batch: &RecordBatch,
    l: &Layout,
    first: usize,
    place: &dyn Fn(usize) -> String,
    part: &mut Part<'static>,
    b: &mut Builder,
) {
    let cols: Vec<Option<Column>> = batch.columns().iter().map(Column::of).collect();
    let col = |c: Option<usize>| c.and_then(|c| cols.get(c)).and_then(Option::as_ref);
    let mut buffers: [String; 20] = Default::default();
    let mut line = String::new();
    let mut value = String::new();
    for i in 0..batch.num_rows() {
        let mut spare = buffers.iter_mut();
        let mut next = || spare.next().expect("a buffer a value");
        let mut text = |c: Option<usize>| -> &str {
            let s = next();
            col(c).map_or("", |c| c.text(i, s))
        };
        let id = text(Some(l.id));
        let url = text(l.url);
        let quad = text(l.quad);
        let a1 = actor_in(&l.actors[0], &mut text);
        let a2 = actor_in(&l.actors[1], &mut text);
        let date = col(Some(l.date)).map_or("", |c| c.sql_date(i, next()));
        let code = col(l.event_code).map_or("", |c| c.code(i, false, next()));
        let r = RowIn {
            id,
            date,
            actors: [a1, a2],
            event_code: code,
            quad,
            url,
        };
        line.clear();
        for (k, (c, label)) in l.shown.iter().enumerate() {
            if k > 0 {
                line.push('\t');
            }
            let v = match (cols.get(*c).and_then(Option::as_ref), *label) {
                (Some(c), "EventCode") => c.code(i, false, &mut value),
                (Some(c), _) => c.text(i, &mut value),
                (None, _) => "",
            };
            if v.contains(['\t', '\n', '\r']) {
                line.push_str(&v.replace(['\t', '\n', '\r'], " "));
            } else {
                line.push_str(v);
            }
        }
        let row = b.text(&line);
        let n = first + i + 1;
        part.add(&r, row, || place(n), |s| Cow::Owned(s.to_string()));
    }
}

/// One actor's columns of a row, each value taken through `text`.
fn actor_in<'a>(
    a: &gdelt::ActorColumns,
    text: &mut impl FnMut(Option<usize>) -> &'a str,
) -> gdelt::ActorIn<'a> {
    gdelt::ActorIn {
        name: text(a.name),
        code: text(a.code),
        country: text(a.country),
        known_group: text(a.known_group),
        types: [text(a.types[0]), text(a.types[1]), text(a.types[2])],
    }
}
