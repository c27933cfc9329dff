//! The `dcb` content encoding of Compression Dictionary Transport (RFC 9842): the 4 bytes `ff 44 43 42`,
//! the SHA-256 of the dictionary, then a Brotli stream compressed with the dictionary as a raw prefix
//! dictionary. The app's build writes `NAME.dcb` beside each lazily loaded module, compressed against
//! the main wasm a browser already holds (scripts/post-build.sh); the server reads the hash back from
//! the file's header to know which `Available-Dictionary` it answers (server/src/http/web.rs), so the
//! file is the only record of the dictionary it was made with.

use std::io::Write;

use sha2::{Digest, Sha256};

/// The magic number that opens a `dcb` stream.
pub const MAGIC: [u8; 4] = [0xff, 0x44, 0x43, 0x42];

/// The length of the header: the magic number and the dictionary's SHA-256.
pub const HEADER_LEN: usize = MAGIC.len() + 32;

/// `data` as a `dcb` stream against `dictionary`, at Brotli's highest quality. The window is Brotli's
/// largest without the large-window extension (16 MiB), so that the whole dictionary (the main wasm,
/// 600 KB) stays within reach of every back-reference: the format gives the dictionary no window
/// of its own.
pub fn compress(dictionary: &[u8], data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(HEADER_LEN + data.len() / 3);
    out.write_all(&MAGIC)?;
    out.write_all(&Sha256::digest(dictionary))?;
    let params =
        brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, size_hint: data.len(), ..Default::default() };
    brotli::BrotliCompressCustomIoCustomDict(
        &mut brotli::IoReaderWrapper(&mut &data[..]),
        &mut brotli::IoWriterWrapper(&mut out),
        &mut [0; 1 << 16],
        &mut [0; 1 << 16],
        &params,
        brotli::enc::StandardAlloc::default(),
        &mut |_: &mut _, _: &mut _, _: _, _: &mut _| (),
        dictionary,
        std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "unexpected end of input"),
    )?;
    Ok(out)
}

/// The SHA-256 of the dictionary a `dcb` stream was made with, read from its header; `None` when the
/// bytes do not open with a `dcb` header.
pub fn dictionary_hash(stream: &[u8]) -> Option<[u8; 32]> {
    let rest = stream.strip_prefix(&MAGIC)?;
    rest.get(..32)?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decompress(dictionary: &[u8], stream: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli_decompressor::BrotliDecompressCustomDict(
            &mut &stream[HEADER_LEN..],
            &mut out,
            &mut [0; 4096],
            &mut [0; 4096],
            dictionary.to_vec(),
        )
        .unwrap();
        out
    }

    /// Text that Brotli's own dictionary does not help with, so that what the prefix dictionary saves shows.
    fn pseudo_random(len: usize, mut seed: u64) -> Vec<u8> {
        (0..len)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (seed >> 33) as u8
            })
            .collect()
    }

    #[test]
    fn decodes_back_with_the_dictionary_and_names_its_hash() {
        let dictionary = pseudo_random(200_000, 1);
        let mut data = dictionary[50_000..120_000].to_vec();
        data.extend(pseudo_random(10_000, 2));
        data.extend_from_slice(&dictionary[..30_000]);
        let stream = compress(&dictionary, &data).unwrap();
        assert_eq!(dictionary_hash(&stream), Some(<[u8; 32]>::from(Sha256::digest(&dictionary))));
        assert_eq!(decompress(&dictionary, &stream), data);
        // What the dictionary held costs almost nothing: about the 10,000 bytes it did not hold.
        assert!(stream.len() < 11_000, "{} bytes", stream.len());
    }

    #[test]
    fn a_header_is_recognised_only_whole() {
        let stream = compress(b"dictionary", b"data").unwrap();
        assert!(dictionary_hash(&stream[..HEADER_LEN]).is_some());
        assert_eq!(dictionary_hash(&stream[..HEADER_LEN - 1]), None);
        assert_eq!(dictionary_hash(b"\x1b\x03\x00"), None);
        assert_eq!(dictionary_hash(&[]), None);
    }
}
