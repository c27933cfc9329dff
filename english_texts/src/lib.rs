//! Finds every text of the app in its sources (`Text::new("…", "…")`, and the calls of the const fns
//! that forward their `ja` and `en` to it) and writes their English as the table the app fetches once
//! English is chosen (domain::i18n::EnglishTable), so that the app's wasm holds the Japanese only.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use domain::i18n::{EnglishTable, TableError};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::visit::Visit;

/// Why the table cannot be written.
#[derive(Debug)]
pub enum Error {
    Read(PathBuf, std::io::Error),
    Parse(PathBuf, syn::Error),
    /// A text whose English is not a string literal in the call (a constant, a `concat!`…): the
    /// table would miss it, so the build stops.
    Unreadable {
        file: PathBuf,
        call: String,
    },
    Table(TableError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read(file, error) => write!(f, "{}: {error}", file.display()),
            Self::Parse(file, error) => write!(f, "{}: {error}", file.display()),
            Self::Unreadable { file, call } => {
                write!(f, "{}: the texts of `{call}` are not string literals", file.display())
            }
            Self::Table(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

/// Where a call's arguments hold the Japanese and the English.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slots {
    /// Two arguments (`ja`, `en`).
    Pair(usize, usize),
    /// One argument, a pair `("…", "…")`.
    Tuple(usize),
}

/// A free function with parameters `ja: &str` and `en: &str` (or a `(&str, &str)`), which makes a `Text` of them:
/// its calls in its own folder are texts.
#[derive(Debug)]
struct Forwarder {
    folder: PathBuf,
    name: String,
    slots: Slots,
}

/// The table's file: the English of every text of the `.rs` files under `roots`.
pub fn table(roots: &[&Path]) -> Result<String, Error> {
    let files = sources(roots)?;
    let texts = texts(&files)?;
    EnglishTable::write(texts.iter().map(|(ja, en)| (ja.as_str(), en.as_str())).collect()).map_err(Error::Table)
}

/// Every `.rs` file under `roots` with its content, in path order.
fn sources(roots: &[&Path]) -> Result<Vec<(PathBuf, String)>, Error> {
    let mut paths = Vec::new();
    let mut folders: Vec<PathBuf> = roots.iter().map(|root| root.to_path_buf()).collect();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|error| Error::Read(folder.clone(), error))? {
            let path = entry.map_err(|error| Error::Read(folder.clone(), error))?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            std::fs::read_to_string(&path)
                .map(|source| (path.clone(), source))
                .map_err(|error| Error::Read(path, error))
        })
        .collect()
}

/// The (Japanese, English) of every text in `files`, in the order found.
fn texts(files: &[(PathBuf, String)]) -> Result<Vec<(String, String)>, Error> {
    let (mut forwarders, mut forwarded) = (Vec::new(), HashSet::new());
    let mut tokens = Vec::new();
    for (path, source) in files {
        let file = syn::parse_file(source).map_err(|error| Error::Parse(path.clone(), error))?;
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        Signatures { folder, found: &mut forwarders, forwarded: &mut forwarded }.visit_file(&file);
        tokens.push((path, source.parse::<TokenStream>().map_err(|error| Error::Parse(path.clone(), error.into()))?));
    }
    let mut found = Vec::new();
    for (path, stream) in tokens {
        let here: Vec<&Forwarder> = forwarders.iter().filter(|forwarder| path.starts_with(&forwarder.folder)).collect();
        Scan { file: path, forwarders: &here, forwarded: &forwarded, found: &mut found }.stream(stream)?;
    }
    Ok(found)
}

/// Finds the forwarders among a file's free functions, and the names their texts go by in their
/// bodies (`ja`, `en`, the pair's parameter), which they pass on.
struct Signatures<'a> {
    folder: PathBuf,
    found: &'a mut Vec<Forwarder>,
    forwarded: &'a mut HashSet<String>,
}

impl<'ast> Visit<'ast> for Signatures<'_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        let parameters: Vec<Option<(String, &syn::Type)>> = item.sig.inputs.iter().map(parameter).collect();
        let at = |wanted: &str| {
            parameters
                .iter()
                .position(|parameter| matches!(parameter, Some((name, typed)) if name == wanted && is_str(typed)))
        };
        let slots = match (at("ja"), at("en")) {
            (Some(ja), Some(en)) => Some(Slots::Pair(ja, en)),
            _ => parameters
                .iter()
                .position(|parameter| matches!(parameter, Some((_, typed)) if is_text_pair(typed)))
                .map(Slots::Tuple),
        };
        if let Some(slots) = slots {
            let texts = match slots {
                Slots::Pair(ja, en) => vec![ja, en],
                Slots::Tuple(at) => vec![at],
            };
            self.forwarded
                .extend(texts.into_iter().filter_map(|at| parameters[at].as_ref().map(|(name, _)| name.clone())));
            self.found.push(Forwarder { folder: self.folder.clone(), name: item.sig.ident.to_string(), slots });
        }
        syn::visit::visit_item_fn(self, item);
    }
}

/// A parameter's name and type, when it is a plain `name: Type`.
fn parameter(input: &syn::FnArg) -> Option<(String, &syn::Type)> {
    let syn::FnArg::Typed(typed) = input else { return None };
    let syn::Pat::Ident(name) = &*typed.pat else { return None };
    Some((name.ident.to_string(), &typed.ty))
}

/// Whether a parameter is typed `(&str, &str)`: a text's two languages.
fn is_text_pair(typed: &syn::Type) -> bool {
    matches!(typed, syn::Type::Tuple(tuple) if tuple.elems.len() == 2 && tuple.elems.iter().all(is_str))
}

fn is_str(typed: &syn::Type) -> bool {
    matches!(typed, syn::Type::Reference(reference)
        if matches!(&*reference.elem, syn::Type::Path(path) if path.path.is_ident("str")))
}

/// Reads the texts of a file's token trees, macro bodies included.
struct Scan<'a> {
    file: &'a Path,
    forwarders: &'a [&'a Forwarder],
    forwarded: &'a HashSet<String>,
    found: &'a mut Vec<(String, String)>,
}

impl Scan<'_> {
    fn stream(&mut self, stream: TokenStream) -> Result<(), Error> {
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        for (at, token) in tokens.iter().enumerate() {
            match token {
                TokenTree::Group(group) => self.stream(group.stream())?,
                TokenTree::Ident(name) => {
                    if let Some((slots, TokenTree::Group(arguments))) = self.slots(&tokens, at).zip(tokens.get(at + 1))
                    {
                        self.call(&name.to_string(), slots, &arguments.stream())?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Where the texts are when `tokens[at]` names a call of `Text::new` or of a forwarder.
    fn slots(&self, tokens: &[TokenTree], at: usize) -> Option<Slots> {
        let name = tokens[at].to_string();
        let is_call =
            matches!(tokens.get(at + 1), Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis);
        let before: Vec<String> = tokens[at.saturating_sub(3)..at].iter().map(ToString::to_string).collect();
        if !is_call || before.last().is_some_and(|token| token == "." || token == "fn") {
            return None;
        }
        if name == "new" && before == ["Text", ":", ":"] {
            return Some(Slots::Pair(0, 1));
        }
        self.forwarders.iter().find(|forwarder| forwarder.name == name).map(|forwarder| forwarder.slots)
    }

    fn call(&mut self, name: &str, slots: Slots, arguments: &TokenStream) -> Result<(), Error> {
        let arguments = split(arguments.clone());
        let text = match slots {
            Slots::Pair(ja, en) => {
                arguments.get(ja).and_then(|ja| string(ja)).zip(arguments.get(en).and_then(|en| string(en)))
            }
            Slots::Tuple(at) => arguments.get(at).and_then(|pair| pair_of_strings(pair)),
        };
        if let Some(text) = text {
            self.found.push(text);
            return Ok(());
        }
        let mut texts = match slots {
            Slots::Pair(ja, en) => vec![ja, en],
            Slots::Tuple(at) => vec![at],
        }
        .into_iter();
        if texts.all(|at| arguments.get(at).is_some_and(|argument| self.is_forwarded(argument))) {
            return Ok(());
        }
        let shown: Vec<String> =
            arguments.iter().map(|argument| argument.iter().map(ToString::to_string).collect()).collect();
        Err(Error::Unreadable { file: self.file.to_path_buf(), call: format!("{name}({})", shown.join(", ")) })
    }

    /// Whether an argument is a forwarder's own parameter (`ja`, `labels.0`…), passed on.
    fn is_forwarded(&self, argument: &[TokenTree]) -> bool {
        matches!(argument.first(), Some(TokenTree::Ident(name)) if self.forwarded.contains(&name.to_string()))
    }
}

/// A call's arguments: its tokens split at the commas outside brackets.
fn split(arguments: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut split: Vec<Vec<TokenTree>> = vec![Vec::new()];
    for token in arguments {
        if matches!(&token, TokenTree::Punct(punct) if punct.as_char() == ',') {
            split.push(Vec::new());
        } else if let Some(argument) = split.last_mut() {
            argument.push(token);
        }
    }
    split.retain(|argument| !argument.is_empty());
    split
}

/// The value of an argument that is one string literal.
fn string(argument: &[TokenTree]) -> Option<String> {
    let [TokenTree::Literal(literal)] = argument else { return None };
    syn::parse2::<syn::LitStr>(TokenTree::Literal(literal.clone()).into()).ok().map(|literal| literal.value())
}

/// The values of an argument `("…", "…")`.
fn pair_of_strings(argument: &[TokenTree]) -> Option<(String, String)> {
    let [TokenTree::Group(group)] = argument else { return None };
    match split(group.stream()).as_slice() {
        [ja, en] if group.delimiter() == Delimiter::Parenthesis => string(ja).zip(string(en)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
