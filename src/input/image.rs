//! Images: a `FileDescriptorSet` as written by `buf build -o` / `protogate build -o`.
//!
//! buf's image is wire-compatible with `FileDescriptorSet`, plus an `ImageFileExtension` in
//! field 8042 of each file that says whether the file is an import. prost-types drops unknown
//! fields, so that one field is read (and written) through the small message types below.

use std::{path::Path, sync::Arc};

use prost::Message;
use prost_types::{FileDescriptorProto, FileDescriptorSet};

use crate::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Binary,
    Json,
}

impl ImageFormat {
    /// From an output file name, as buf infers it.
    pub fn from_path(path: &str) -> Result<Self, Error> {
        if path.ends_with(".json") {
            Ok(Self::Json)
        } else if path.ends_with(".binpb") || path.ends_with(".bin") || path == "-" || path == "/dev/null" {
            Ok(Self::Binary)
        } else {
            Err(Error::new(format!("{path}: unknown image format"))
                .with_help("name the output FILE.binpb or FILE.json"))
        }
    }
}

/// One file of an image.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageFile {
    pub descriptor: FileDescriptorProto,
    pub is_import: bool,
    /// `FileDescriptorProto.edition` (field 14), which prost-types 0.14 does not carry.
    pub edition: Option<i32>,
    /// The file as encoded in the image, kept when a rule reads option extensions from it
    /// (see `Schema::keeps_encoding`).
    pub encoded: Option<Arc<[u8]>>,
}

/// Each file of an image as encoded.
#[derive(Clone, PartialEq, Message)]
struct EncodedSet {
    #[prost(bytes = "vec", repeated, tag = "1")]
    file: Vec<Vec<u8>>,
}

#[derive(Clone, PartialEq, Message)]
struct ImageHeader {
    #[prost(message, repeated, tag = "1")]
    file: Vec<ImageFileHeader>,
}

#[derive(Clone, PartialEq, Message)]
struct ImageFileHeader {
    #[prost(int32, optional, tag = "14")]
    edition: Option<i32>,
    #[prost(message, optional, tag = "8042")]
    buf_extension: Option<ImageFileExtension>,
}

#[derive(Clone, PartialEq, Message)]
struct ImageFileExtension {
    #[prost(bool, optional, tag = "1")]
    is_import: Option<bool>,
    #[prost(bool, optional, tag = "3")]
    is_syntax_unspecified: Option<bool>,
}

/// Reads an image file.
pub fn read_image(path: &Path, format: ImageFormat) -> Result<Vec<ImageFile>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let bytes = match format {
        ImageFormat::Binary => bytes,
        ImageFormat::Json => json_to_binary(path, &bytes)?,
    };
    let invalid = |e: prost::DecodeError| Error::new(format!("{}: not a valid image: {e}", path.display()));
    let set = FileDescriptorSet::decode(bytes.as_slice()).map_err(invalid)?;
    let header = ImageHeader::decode(bytes.as_slice()).map_err(invalid)?;
    // Kept for every file: its option extensions are what a rebuilt image and some rules need.
    let encoded = EncodedSet::decode(bytes.as_slice()).map_err(invalid)?.file;
    Ok(set
        .file
        .into_iter()
        .zip(header.file.into_iter().map(Some).chain(std::iter::repeat(None)))
        .zip(encoded.into_iter().map(|bytes| Some(Arc::from(bytes))).chain(std::iter::repeat(None)))
        .map(|((descriptor, header), encoded)| ImageFile {
            descriptor,
            edition: header.as_ref().and_then(|h| h.edition),
            is_import: header.and_then(|h| h.buf_extension).and_then(|e| e.is_import).unwrap_or(false),
            encoded,
        })
        .collect())
}

/// Encodes an image: the descriptors, each followed by its buf extension.
pub fn encode_image(files: &[ImageFile]) -> Vec<u8> {
    image_of(files.iter().map(encode_image_file))
}

/// An image (`repeated ImageFile file = 1`) of files encoded by [`encode_image_file`].
fn image_of<P: AsRef<[u8]>>(parts: impl Iterator<Item = P>) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        record_header(part.as_ref().len(), &mut out);
        out.extend_from_slice(part.as_ref());
    }
    out
}

/// The key and length that precede a file of `len` bytes in an image.
fn record_header(len: usize, out: &mut Vec<u8>) {
    prost::encoding::encode_key(1, prost::encoding::WireType::LengthDelimited, out);
    prost::encoding::encode_varint(len as u64, out);
}

/// One file of an image: its descriptor followed by its buf extension.
pub fn encode_image_file(file: &ImageFile) -> Vec<u8> {
    let mut bytes = file.descriptor.encode_to_vec();
    if let Some(linked) = &file.encoded {
        bytes = super::options_graft::graft_options(&bytes, linked);
    }
    if let Some(edition) = file.edition {
        prost::encoding::int32::encode(14, &edition, &mut bytes);
    }
    let extension = ImageFileExtension {
        is_import: Some(file.is_import),
        is_syntax_unspecified: Some(file.descriptor.syntax.is_none()),
    };
    prost::encoding::message::encode(8042, &extension, &mut bytes);
    bytes
}

/// Writes an image atomically (a temp file beside the target, then a rename).
pub fn write_image(files: &[ImageFile], format: ImageFormat, path: &Path) -> Result<(), Error> {
    let parts: Vec<Vec<u8>> = files.iter().map(encode_image_file).collect();
    write_image_files(&parts, format, path)
}

/// Writes an image of files encoded by [`encode_image_file`], atomically (a temp file beside the
/// target, then a rename). A binary image goes out part by part, never copied into one buffer.
pub fn write_image_files(parts: &[Vec<u8>], format: ImageFormat, path: &Path) -> Result<(), Error> {
    let json = match format {
        ImageFormat::Binary => None,
        ImageFormat::Json => Some(binary_to_json(&image_of(parts.iter()))?),
    };
    if path == Path::new("/dev/null") {
        return Ok(());
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, &e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, temp);
    let written = match &json {
        Some(json) => std::io::Write::write_all(&mut out, json),
        None => parts.iter().try_for_each(|part| {
            let mut header = Vec::with_capacity(16);
            record_header(part.len(), &mut header);
            std::io::Write::write_all(&mut out, &header)?;
            std::io::Write::write_all(&mut out, part)
        }),
    };
    written.map_err(|e| Error::io(path, &e))?;
    let temp = out.into_inner().map_err(|e| Error::io(path, e.error()))?;
    temp.persist(path).map_err(|e| Error::io(path, &e.error))?;
    Ok(())
}

/// buf's `buf.alpha.image.v1.Image`: `FileDescriptorSet` whose files carry field 8042. Built
/// once from descriptor.proto's own `FileDescriptorProto` plus that field, so JSON images name
/// it `bufExtension` exactly as buf does.
fn image_descriptor() -> Result<prost_reflect::MessageDescriptor, Error> {
    use prost_types::{
        DescriptorProto, FieldDescriptorProto,
        field_descriptor_proto::{Label, Type},
    };
    static IMAGE: std::sync::OnceLock<Option<prost_reflect::MessageDescriptor>> = std::sync::OnceLock::new();
    let built = IMAGE.get_or_init(|| {
        let global = prost_reflect::DescriptorPool::global();
        let mut image_file =
            global.get_message_by_name("google.protobuf.FileDescriptorProto")?.descriptor_proto().clone();
        image_file.name = Some("ImageFile".to_owned());
        let field = |name: &str, number: i32, label: Label, ty: Type, type_name: Option<&str>| FieldDescriptorProto {
            name: Some(name.to_owned()),
            number: Some(number),
            label: Some(label as i32),
            r#type: Some(ty as i32),
            type_name: type_name.map(str::to_owned),
            json_name: Some(to_json_name(name)),
            ..FieldDescriptorProto::default()
        };
        let extension_type = ".buf.alpha.image.v1.ImageFileExtension";
        image_file.field.push(field("buf_extension", 8042, Label::Optional, Type::Message, Some(extension_type)));
        let file = prost_types::FileDescriptorProto {
            name: Some("buf/alpha/image/v1/image.proto".to_owned()),
            package: Some("buf.alpha.image.v1".to_owned()),
            dependency: vec!["google/protobuf/descriptor.proto".to_owned()],
            message_type: vec![
                DescriptorProto {
                    name: Some("Image".to_owned()),
                    field: vec![field(
                        "file",
                        1,
                        Label::Repeated,
                        Type::Message,
                        Some(".buf.alpha.image.v1.ImageFile"),
                    )],
                    ..DescriptorProto::default()
                },
                image_file,
                DescriptorProto {
                    name: Some("ImageFileExtension".to_owned()),
                    field: vec![
                        field("is_import", 1, Label::Optional, Type::Bool, None),
                        field("is_syntax_unspecified", 3, Label::Optional, Type::Bool, None),
                        field("unused_dependency", 4, Label::Repeated, Type::Int32, None),
                    ],
                    ..DescriptorProto::default()
                },
            ],
            syntax: Some("proto2".to_owned()),
            ..prost_types::FileDescriptorProto::default()
        };
        let mut pool = global.clone();
        pool.add_file_descriptor_proto(file).ok()?;
        pool.get_message_by_name("buf.alpha.image.v1.Image")
    });
    built.clone().ok_or_else(|| Error::new("internal: the image descriptor could not be built"))
}

fn to_json_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn json_to_binary(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let message = prost_reflect::DynamicMessage::deserialize(image_descriptor()?, &mut de)
        .map_err(|e| Error::new(format!("{}: not a valid JSON image: {e}", path.display())))?;
    Ok(message.encode_to_vec())
}

fn binary_to_json(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let message = prost_reflect::DynamicMessage::decode(image_descriptor()?, bytes)
        .map_err(|e| Error::new(format!("internal: image does not decode: {e}")))?;
    serde_json::to_vec(&message).map_err(|e| Error::new(format!("internal: image does not encode as JSON: {e}")))
}
