"""Every JSON the product writes is strict: no NaN, Infinity or pandas missing values."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest

from reporting.json_output import dumps, strict


def strict_loads(text: str):
    """Parse as a strict parser (JavaScript's JSON.parse) would: NaN/Infinity are errors."""

    def refuse(constant: str):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_missing_values_become_null():
    data = {
        "nan": math.nan,
        "inf": -math.inf,
        "na": pd.NA,
        "nat": pd.NaT,
        "numpy_nan": np.float64("nan"),
        "numpy_int": np.int64(3),
        "tuple": (1, np.float32(2.5)),
        "date": dt.date(2026, 1, 2),
    }
    parsed = strict_loads(dumps(data))
    assert parsed == {
        "nan": None,
        "inf": None,
        "na": None,
        "nat": None,
        "numpy_nan": None,
        "numpy_int": 3,
        "tuple": [1, 2.5],
        "date": "2026-01-02",
    }


def test_a_pandas_row_with_a_missing_email_is_strict():
    frame = pd.DataFrame({"email": ["a@example.org", None]}).astype(object)
    frame.loc[1, "email"] = math.nan  # what a participant table holds without an e-mail
    assert strict_loads(dumps({"email": frame.loc[1, "email"]})) == {"email": None}


def test_unknown_objects_fail_loudly():
    with pytest.raises(TypeError):
        strict({"x": object()})
