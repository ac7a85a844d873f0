// `x.take(&x.argmax(1))` would pick whole outer lists by positions inside lists: a type
// error that points to `index`.
use awkdiff::prelude::*;

fn main() {
    let x: Array<f64> = array![[1.0, 3.0], [], [2.0]];
    let _wrong = x.take(&x.argmax(1));
}
