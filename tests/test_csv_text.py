"""CSV read as RFC 4180 says: whole-file quoting, the delimiter from the table's rows, encodings."""

import codecs

import pytest

from ogpstats.io.csv_text import (
    choose_delimiter,
    lost_letters,
    read_csv_rows,
    table_shape,
)
from ogpstats.validate import UnusableInput


def _quoted(rows, delimiter=",", newline="\r\n"):
    """CSV text with every field quoted and quotes doubled, as OGP's export writes it."""
    def q(v):
        return '"' + v.replace('"', '""') + '"'
    return "".join(delimiter.join(q(v) for v in row) + newline for row in rows)


def test_ogp_export_first_doubled_quote_after_8kb_and_quoted_newlines(tmp_path):
    header = ["Commitment ID", "Commitment Title", "Action Plan End Year", "Description"]
    rows = [header]
    for i in range(1, 41):
        # Multi-line descriptions with commas and semicolons inside the quotes.
        rows.append([f"AZ00{i:02d}", f"Public service {i}, open data", "2018",
                     f"Line one of {i}; the public, the state.\nLine two: {'x' * 200}\r\nLine three"])
    rows.append(["AZ0099", 'The "public" register', "2018", 'Say ""no""\nend'])
    text = _quoted(rows)
    assert text.index('""') > 8192  # the sample a sniffer sees has no doubled quote
    f = tmp_path / "export.csv"
    f.write_bytes(text.encode("utf-8"))
    got = read_csv_rows(f)
    assert got.rows == rows
    assert len(got.rows) == 42
    assert got.rows[-1][1] == 'The "public" register'
    assert (got.delimiter, got.encoding, got.warnings) == (",", "utf-8", [])


# Excel in an Azerbaijani locale saves Windows-1254. The code page has no "ə" (nor "№"): Excel writes "?".
AZ_ROWS = [
    ["Açıq Hökumət üzrə Milli Fəaliyyət Planı"],                       # title row, one field
    [],
    ["№", "Tədbirin adı", "İcraçılar", "Müddət"],
    ["1. Şəffaflıq"],                                                 # section row
    ["1.1", "Dövlət satınalmalarında açıqlıq", "İqtisadiyyat Nazirliyi", "2017-ci il"],
    ["1.2", "Ağdaş, Şuşa: yoxlama; hesabat", "Ədliyyə Nazirliyi", "2018-ci ilin I rübü"],
    ["2. Məlumat", "", "", ""],                                       # section row padded by Excel
    ["2.1", "İctimai iştirak", "Gənclər və İdman Nazirliyi", "Daimi"],
]


def _lossy(rows):
    return [[v.replace("ə", "?").replace("Ə", "?").replace("№", "?") for v in row] for row in rows]


def test_ragged_semicolon_csv_in_windows_1254(tmp_path):
    text = "\r\n".join(";".join(f'"{v}"' if (";" in v or "," in v) else v for v in row) for row in AZ_ROWS)
    f = tmp_path / "plan.csv"
    f.write_bytes(text.encode("cp1254", errors="replace"))
    got = read_csv_rows(f)
    assert got.rows == _lossy(AZ_ROWS)
    assert got.rows[4][2] == "İqtisadiyyat Nazirliyi" and got.rows[5][1] == "Ağdaş, Şuşa: yoxlama; hesabat"
    assert (got.delimiter, got.encoding) == (";", "cp1254")
    assert [(w.code, w.severity, dict(w.fields)) for w in got.warnings] == [
        ("file.encoding_detected", "warning", {"encoding": "Windows-1254"}),
        ("file.encoding_lost_letters", "warning", {"encoding": "Windows-1254", "example": "Hökum?t"}),
    ]
    assert got.warnings[0].file == str(f)


def test_forced_encoding_reads_without_a_warning(tmp_path):
    f = tmp_path / "plan.csv"
    f.write_bytes("a;b\r\nİcraçı;Ağdaş\r\n".encode("cp1254"))
    got = read_csv_rows(f, encoding="windows-1254")
    assert got.rows == [["a", "b"], ["İcraçı", "Ağdaş"]]
    assert (got.encoding, got.warnings) == ("windows-1254", [])


def test_semicolon_csv_in_windows_1251(tmp_path):
    rows = [
        ["План мероприятий на 2016-2018 годы"],
        ["№", "Наименование мероприятия", "Исполнители", "Срок исполнения"],
        ["1.1", "Повышение прозрачности, подотчётности", "Министерство юстиции", "22 марта 2017 года"],
        ["1.2", "Электронные услуги", "Министерство связи; Министерство экономики", "ежегодно"],
    ]
    text = "\r\n".join(";".join(f'"{v}"' if ";" in v else v for v in row) for row in rows) + "\r\n"
    f = tmp_path / "plan_ru.csv"
    f.write_bytes(text.encode("cp1251"))
    got = read_csv_rows(f)
    assert got.rows == rows
    assert (got.delimiter, got.encoding) == (";", "cp1251")
    assert [(w.code, dict(w.fields)) for w in got.warnings] == [("file.encoding_detected",
                                                                  {"encoding": "Windows-1251"})]


def test_utf16_with_bom_tab_separated(tmp_path):
    rows = [["№", "Tədbir", "Status"], ["1.1", "Açıq məlumat", "İcra olunub"], ["1.2", "Şəffaflıq", ""]]
    text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    f = tmp_path / "unicode.csv"
    f.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))  # Excel's "Unicode Text"
    got = read_csv_rows(f)
    assert got.rows == rows
    assert (got.delimiter, got.encoding, got.warnings) == ("\t", "utf-16", [])


def test_tab_separated_utf8_with_commas_in_fields(tmp_path):
    rows = [["id", "title", "agencies"], ["1", "Open data, open budgets", "Ministry A, Ministry B"],
            ["2", "E-services", "Ministry C"]]
    f = tmp_path / "t.csv"
    f.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    got = read_csv_rows(f)
    assert got.rows == rows and got.delimiter == "\t"


def test_utf8_bom_and_pipe(tmp_path):
    f = tmp_path / "p.csv"
    f.write_bytes(codecs.BOM_UTF8 + "№|Ad\n1|Ədliyyə\n2|Rabitə\n".encode())
    got = read_csv_rows(f)
    assert got.rows == [["№", "Ad"], ["1", "Ədliyyə"], ["2", "Rabitə"]]
    assert (got.delimiter, got.encoding) == ("|", "utf-8-sig")


def test_excel_sep_line_names_the_delimiter(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("sep=;\r\na,b;c\r\n1,5;2\r\n", encoding="utf-8")
    assert read_csv_rows(f).rows == [["a,b", "c"], ["1,5", "2"]]


def test_a_one_megabyte_field(tmp_path):
    big = "ə" * 1_000_000 + '"' + "\n" * 3 + "z"
    f = tmp_path / "big.csv"
    f.write_text('id,text\n1,"' + big.replace('"', '""') + '"\n2,short\n', encoding="utf-8")
    got = read_csv_rows(f)
    assert got.rows == [["id", "text"], ["1", big], ["2", "short"]]
    assert len(got.rows[1][1]) == 1_000_005


def test_forced_encoding_that_does_not_fit(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes(b"a,b\n1,2\n3,\xfe\xfd\n")
    with pytest.raises(UnusableInput) as exc:
        read_csv_rows(f, encoding="utf-8")
    assert (exc.value.problem.code, dict(exc.value.problem.fields)) == ("file.encoding",
                                                                        {"encoding": "utf-8", "line": 3})
    with pytest.raises(UnusableInput) as exc:
        read_csv_rows(f, encoding="klingon-8")
    assert exc.value.problem.code == "file.encoding_name"


def test_binary_and_unclosed_quote_are_unusable(tmp_path):
    f = tmp_path / "bin.csv"
    f.write_bytes(b"a,b\x00\x01\x02\n")
    with pytest.raises(UnusableInput) as exc:
        read_csv_rows(f)
    assert exc.value.problem.code == "file.not_text" and exc.value.problem.severity == "error"
    f = tmp_path / "q.csv"
    f.write_text('a,b\n1,2\n3,"never closed\n4,5\n', encoding="utf-8")
    with pytest.raises(UnusableInput) as exc:
        read_csv_rows(f)
    assert (exc.value.problem.code, dict(exc.value.problem.fields)) == ("file.unclosed_quote", {"line": 3})


def test_table_shape_ignores_title_rows():
    # 3 rows of width 4, one of width 2 (≥ 2 fields, so it counts against), two title rows of one field.
    rows = [["t"], [], ["a", "b", "c", "d"], ["1", "2", "3", "4"], ["x", "y"], ["5", "6", "7", "8"], ["s"]]
    assert table_shape(rows) == (3, -1, 4)
    assert table_shape([["only"], []]) == (0, 0, 0)
    # Commas inside unquoted ';' fields give ragged ',' rows: ';' wins.
    assert choose_delimiter("a;b, c;d\n1;2, 3, 4;5\n6;7;8\n") == ";"
    # Nothing splits: ',' by default.
    assert choose_delimiter("one\ntwo\n") == ","


def test_lost_letters():
    assert lost_letters("Ədliyyə and ?dliyy? Nazirliyi") == "?dliyy?"
    assert lost_letters("Nə vaxt? Bəli. http://x.az/index.php?id=3") is None
