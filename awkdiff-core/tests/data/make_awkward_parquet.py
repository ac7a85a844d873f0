"""Writes awkward_written.parquet, read back by tests/it/interop_parquet.rs.

Run from this folder with Awkward Array 2.x and pyarrow installed:

    python3 make_awkward_parquet.py

The file is written by Awkward's own `ak.to_parquet` with its defaults (Zstandard
compression, Awkward's Arrow extension types, 64-bit list offsets), so the test checks
that awkdiff reads what Awkward users actually have on disk.
"""

import awkward as ak
import numpy as np

events = ak.zip(
    {
        # var * float64: one list per event, an empty one in the middle.
        "jet_pt": ak.Array([[1.5, 2.25, 3.0], [], [4.5, 5.0], [0.125]]),
        # var * var * float32: nested lists, empty at both depths.
        "hits": ak.values_astype(
            ak.Array([[[1.0], [2.0, 3.0]], [], [[], [4.0]], [[0.5, 0.25]]]), np.float32
        ),
        # var * var * var * float64: depth 3.
        "deep": ak.Array([[[[1.0, 2.0]], []], [[[3.0]]], [], [[[], [4.0, 5.0, 6.0]]]]),
        # float64: one number per event.
        "weight": ak.Array([0.5, 1.0, 2.0, -1.5]),
        # var * ?float64: option type with a missing value (awkdiff rejects nulls).
        "maybe": ak.Array([[1.0, None], [], [2.0], []]),
    },
    depth_limit=1,
)

print(events.type)
ak.to_parquet(events, "awkward_written.parquet")
back = ak.from_parquet("awkward_written.parquet")
assert ak.all(ak.flatten(back.deep, axis=None) == ak.flatten(events.deep, axis=None))
print(back.to_list())
