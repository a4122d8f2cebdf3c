"""Tests of framing.reliability against published and hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

from framing.errors import FramingError
from framing.reliability import agreement_table, cohen_kappa, krippendorff_alpha

NA = np.nan

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers x 12 units, values 1-5, "*" = missing.
# Published: nominal 0.743, ordinal 0.815, interval 0.849.
KRIPP_4 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],  # A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],  # B
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],  # C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],  # D
]
KRIPP_4_CODERS = ["A", "B", "C", "D"]

# Krippendorff (2011), section A: binary data, 2 observers x 10 units. Published alpha 0.095.
KRIPP_BINARY = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]

# Textbook 2 x 2 table, 50 items:      B yes  B no
#                               A yes    20     5
#                               A no     10    15
KAPPA_A = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
KAPPA_B = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15

# agreement_table example (hand-computed below)
GOLD = ["y", "y", "n", "n", "y", "n", None]
OTHER = ["y", "n", "n", "n", "y", "n", "y"]
LANG = ["en", "en", "en", "en", "fr", "fr", "fr"]


def _long(matrix, coders):
    rows = []
    for coder, values in zip(coders, matrix):
        for unit, value in enumerate(values):
            if not (isinstance(value, float) and math.isnan(value)):
                rows.append({"unit": f"u{unit}", "coder": coder, "value": value})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# Krippendorff's alpha: published values
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "published"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_alpha_published_four_coders(level, published):
    assert round(krippendorff_alpha(KRIPP_4, level=level), 3) == published


def test_alpha_nominal_four_coders_exact():
    # Krippendorff (2011): n = 40 pairable values (unit 12 has one value and is dropped),
    # n_c = (9, 13, 10, 5, 3) for values 1..5, so n^2 - sum n_c^2 = 1600 - 384 = 1216.
    # Off-diagonal coincidences (ordered pairs, weight 1/(m_u - 1)):
    #   unit 2 (2,2,3,2): 3*1/3 + 1*3/3 = 2;  unit 6 (1,2,3,4): 12 * 1/3 = 4;
    #   unit 8 (1,1,2,1): 2;  all other pairable units agree  -> total 8.
    # alpha = 1 - (n - 1) * 8 / 1216 = 1 - 312/1216 = 0.7434
    assert krippendorff_alpha(KRIPP_4) == pytest.approx(1 - 312 / 1216)


def test_alpha_binary_published():
    # Hand: 20 values, n_0 = 14, n_1 = 6; 4 disagreeing units give o_01 = o_10 = 4.
    # alpha = 1 - (n - 1) * (o_01 + o_10) / (2 * n_0 * n_1) = 1 - 19 * 8 / 168 = 16/168 = 2/21
    alpha = krippendorff_alpha(KRIPP_BINARY)
    assert round(alpha, 3) == 0.095
    assert alpha == pytest.approx(2 / 21)


def test_alpha_accepts_long_dataframe_and_none():
    long = _long(KRIPP_4, KRIPP_4_CODERS)
    assert round(krippendorff_alpha(long), 3) == 0.743
    assert round(krippendorff_alpha(long, level="interval"), 3) == 0.849
    wide = pd.DataFrame(KRIPP_4, index=KRIPP_4_CODERS).astype(object)
    wide = wide.where(wide.notna(), None)
    assert round(krippendorff_alpha(wide), 3) == 0.743


def test_alpha_long_missing_value_rows_ignored():
    long = _long(KRIPP_4, KRIPP_4_CODERS)
    extra = pd.DataFrame([{"unit": "u11", "coder": "A", "value": None}])
    assert round(krippendorff_alpha(pd.concat([long, extra], ignore_index=True)), 3) == 0.743


def test_alpha_string_labels_nominal_and_ordinal_order():
    labels = {1: "very low", 2: "low", 3: "mid", 4: "high", 5: "very high"}
    as_text = [[labels.get(v) if not (isinstance(v, float) and math.isnan(v)) else None for v in row] for row in KRIPP_4]
    assert round(krippendorff_alpha(as_text), 3) == 0.743
    order = ["very low", "low", "mid", "high", "very high"]
    assert round(krippendorff_alpha(as_text, level="ordinal", order=order), 3) == 0.815


def test_alpha_matches_nltk_when_every_unit_is_pairable():
    rng = np.random.default_rng(42)
    matrix = rng.integers(0, 4, size=(5, 40)).astype(float)
    # knock out some cells but leave at least 2 values per unit
    for u in range(40):
        drop = rng.choice(5, size=rng.integers(0, 4), replace=False)
        matrix[drop, u] = np.nan
    triples = [(f"c{c}", f"u{u}", int(matrix[c, u])) for c in range(5) for u in range(40) if not np.isnan(matrix[c, u])]
    assert krippendorff_alpha(matrix) == pytest.approx(AnnotationTask(data=triples).alpha())


def test_alpha_units_with_one_value_are_dropped():
    with_singletons = np.array(KRIPP_BINARY + [[NA] * 10], dtype=float)
    with_singletons = np.hstack([with_singletons, np.array([[3.0], [NA], [NA]])])
    assert krippendorff_alpha(with_singletons) == pytest.approx(2 / 21)


# ---------------------------------------------------------------------------
# Krippendorff's alpha: edge cases and errors
# ---------------------------------------------------------------------------


def test_alpha_perfect_agreement_is_one():
    assert krippendorff_alpha([[1, 2, 3, NA], [1, 2, 3, 3], [NA, 2, 3, 3]]) == 1.0
    assert krippendorff_alpha([[1, 2, 3], [1, 2, 3]], level="interval") == 1.0


def test_alpha_single_category_is_nan():
    # expected disagreement is 0 -> alpha = 0/0, documented to return nan
    assert math.isnan(krippendorff_alpha([["x", "x", "x"], ["x", "x", None]]))


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ([1, 2, 3], "2-D"),
        ([[1, 2, 3]], "at least 2 coders"),
        ([[1, NA, NA], [NA, 2, NA]], "2 or more coders"),
        ([[NA, NA], [NA, NA]], "every cell is missing"),
        ([[1, 2, 3], [1, 2]], "rectangular"),
    ],
)
def test_alpha_shape_errors(data, fragment):
    with pytest.raises(FramingError, match=fragment):
        krippendorff_alpha(data)


def test_alpha_other_errors():
    with pytest.raises(FramingError, match="level"):
        krippendorff_alpha(KRIPP_BINARY, level="ratio-ish")
    with pytest.raises(FramingError, match="numeric"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], level="interval")
    with pytest.raises(FramingError, match="order"):
        krippendorff_alpha([["a", "b"], ["a", "c"]], level="ordinal", order=["a", "b"])
    duplicated = pd.DataFrame({"unit": [1, 1, 1], "coder": ["A", "A", "B"], "value": [1, 2, 1]})
    with pytest.raises(FramingError, match="one value per"):
        krippendorff_alpha(duplicated)


# ---------------------------------------------------------------------------
# Cohen's kappa
# ---------------------------------------------------------------------------


def test_kappa_textbook():
    # p_o = (20 + 15) / 50 = 0.70
    # A: yes 25/50 = 0.5, B: yes 30/50 = 0.6
    # p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50
    # kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
    assert cohen_kappa(KAPPA_A, KAPPA_B) == pytest.approx(0.40)


def test_kappa_matches_sklearn_on_random_labels():
    rng = np.random.default_rng(7)
    for _ in range(5):
        a = rng.choice(["pro", "anti", "neutral", "mixed"], size=200, p=[0.4, 0.3, 0.2, 0.1])
        b = np.where(rng.random(200) < 0.6, a, rng.choice(["pro", "anti", "neutral", "mixed"], size=200))
        assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_kappa_drops_pairs_with_missing():
    a = KAPPA_A + [None, "yes", NA]
    b = KAPPA_B + ["yes", None, "no"]
    assert cohen_kappa(a, b) == pytest.approx(0.40)


def test_kappa_edge_cases_and_errors():
    assert cohen_kappa(["a", "b", "c"], ["a", "b", "c"]) == 1.0
    assert math.isnan(cohen_kappa(["a", "a"], ["a", "a"]))
    with pytest.raises(FramingError, match="same length"):
        cohen_kappa(["a", "b"], ["a"])
    with pytest.raises(FramingError, match="at least one item"):
        cohen_kappa([None, "a"], ["b", None])
    with pytest.raises(FramingError, match="'Yes'"):
        cohen_kappa(["yes", "Yes"], ["yes", "no"], labels=["yes", "no"])
    with pytest.raises(FramingError, match="index"):
        cohen_kappa(pd.Series(["a", "b"], index=[0, 1]), pd.Series(["a", "b"], index=[1, 2]))


# ---------------------------------------------------------------------------
# agreement_table
# ---------------------------------------------------------------------------


def test_agreement_table_by_group():
    table = agreement_table(GOLD, OTHER, by=LANG).set_index("group")
    assert list(table.index) == ["en", "fr", "(all)"]
    # en: gold y y n n / other y n n n
    #   agreement 3/4 = 75 %; p_e = 0.5 * 0.25 + 0.5 * 0.75 = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5
    #   alpha: 8 values, n_y = 3, n_n = 5, one disagreeing unit -> o_yn + o_ny = 2
    #   alpha = 1 - 7 * 2 / (2 * 3 * 5) = 16/30
    en = table.loc["en"]
    assert (en["n"], en["n_missing"]) == (4, 0)
    assert en["percent_agreement"] == pytest.approx(75.0)
    assert en["cohen_kappa"] == pytest.approx(0.5)
    assert en["krippendorff_alpha"] == pytest.approx(16 / 30)
    # fr: (y, y), (n, n), (None, y) -> 2 complete pairs, perfect agreement on two categories
    fr = table.loc["fr"]
    assert (fr["n"], fr["n_missing"]) == (2, 1)
    assert fr["percent_agreement"] == pytest.approx(100.0)
    assert fr["cohen_kappa"] == pytest.approx(1.0)
    assert fr["krippendorff_alpha"] == pytest.approx(1.0)
    # all: 6 pairs, 5 agree -> 83.33 %; gold y 3/6, other y 2/6
    #   p_e = 0.5 * 1/3 + 0.5 * 2/3 = 0.5; kappa = (5/6 - 0.5) / 0.5 = 2/3
    #   alpha: 12 values, n_y = 5, n_n = 7, one disagreement -> 1 - 11 * 2 / (2 * 5 * 7) = 48/70
    total = table.loc["(all)"]
    assert (total["n"], total["n_missing"]) == (6, 1)
    assert total["percent_agreement"] == pytest.approx(500 / 6)
    assert total["cohen_kappa"] == pytest.approx(2 / 3)
    assert total["krippendorff_alpha"] == pytest.approx(48 / 70)


def test_agreement_table_without_groups_and_errors():
    table = agreement_table(pd.Series(KAPPA_A), pd.Series(KAPPA_B))
    assert table.shape == (1, 6)
    assert table.loc[0, "group"] == "(all)"
    assert table.loc[0, "cohen_kappa"] == pytest.approx(0.40)
    assert table.loc[0, "percent_agreement"] == pytest.approx(70.0)
    only_groups = agreement_table(GOLD, OTHER, by=LANG, total=False)
    assert list(only_groups["group"]) == ["en", "fr"]
    with pytest.raises(FramingError, match="one group per item"):
        agreement_table(GOLD, OTHER, by=["en"])
    with pytest.raises(FramingError, match="same length"):
        agreement_table(GOLD, OTHER[:-1])


# --- two codings of the same sentences (codebook section 7) ---

from framing.reliability import coder_agreement  # noqa: E402

_CODING = pd.DataFrame({
    "doc_id": ["a", "a", "a", "b", "b", "c", "c", "c"],
    "sent_id": [0, 1, 2, 0, 1, 0, 1, 2],
    "label": ["none", "france", "kremlin", "none", "both", "france", "none", "kremlin"],
    "speaker": ["", "elysee", "peskov", "", "", "", "", "kremlin"],
})


def test_coder_agreement_matches_nltk_and_treats_empty_as_a_category():
    other = _CODING.copy()
    other.loc[1, "label"] = "none"
    other.loc[7, "speaker"] = ""
    table = coder_agreement(_CODING, other, fields=["label", "speaker"], n_boot=0)
    for field in ("label", "speaker"):
        data = [(coder, i, (v or "(empty)")) for coder, frame in (("1", _CODING), ("2", other))
                for i, v in enumerate(frame[field])]
        expected = AnnotationTask(data).alpha()
        got = table.loc[table["field"] == field, "value"].item()
        assert got == pytest.approx(expected)
        assert got < 1


def test_coder_agreement_bootstraps_articles_and_groups():
    other = _CODING.copy()
    other.loc[4, "label"] = "france"
    by = pd.Series({"a": "en", "b": "en", "c": "fr"})
    table = coder_agreement(_CODING, other, fields=["label"], by=by, n_boot=200, seed=1)
    assert table["group"].tolist() == ["(all)", "en", "fr"]
    assert table["n"].tolist() == [8, 5, 3]
    whole = table.iloc[0]
    assert whole["low"] <= whole["value"] <= whole["high"] <= 1
    assert np.isnan(table.iloc[2]["low"])  # one article: no resampling possible
    again = coder_agreement(_CODING, other, fields=["label"], by=by, n_boot=200, seed=1)
    pd.testing.assert_frame_equal(table, again)


def test_coder_agreement_refuses_codings_of_different_sentences():
    with pytest.raises(FramingError, match="c/2 only in the first"):
        coder_agreement(_CODING, _CODING.iloc[:-1], fields=["label"], n_boot=0)
    with pytest.raises(FramingError, match="occurs more than once"):
        coder_agreement(_CODING, pd.concat([_CODING, _CODING.iloc[:1]]), fields=["label"], n_boot=0)


@pytest.mark.parametrize("first, second", [("double/existing-coder1.csv", "double/existing-coder2.csv"),
                                           ("blind/coder-a.csv", "blind/coder-b.csv")])
def test_the_committed_double_codings_are_reliable_by_the_codebooks_threshold(first, second):
    # CODEBOOK.md section 7: alpha >= 0.80 on label and speaker side, else the codebook is revised
    from conftest import CORPUS

    read = lambda name: pd.read_csv(CORPUS / "annotations" / name, keep_default_na=False, dtype={"sent_id": int})
    table = coder_agreement(read(first), read(second), fields=["label", "speaker_side"], n_boot=0)
    assert (table["value"] >= 0.80).all(), table
    assert table["n"].min() >= 200
