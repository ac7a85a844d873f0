//! `Display` (Awkward's list style), `Debug` and `show()`.
//! (Minimal version; elision of long arrays to follow.)

use std::fmt;

use crate::element::Element;
use crate::layout::Array;

impl<T: Element> fmt::Display for Array<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_level(self, 0, 0, self.len(), &mut out);
        f.write_str(&out)
    }
}

fn write_level<T: Element>(array: &Array<T>, depth: usize, lo: usize, hi: usize, out: &mut String) {
    out.push('[');
    for i in lo..hi {
        if i > lo {
            out.push_str(", ");
        }
        if depth == array.structure().depth() {
            array.content()[i].fmt_awkward(out);
        } else {
            let offsets = array.offsets(depth);
            write_level(
                array,
                depth + 1,
                offsets[i] as usize,
                offsets[i + 1] as usize,
                out,
            );
        }
    }
    out.push(']');
}

impl<T: Element> fmt::Debug for Array<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{self}\n-----------------\nnbytes: {} B\ntype: {}",
            self.nbytes(),
            self.type_str()
        )
    }
}
