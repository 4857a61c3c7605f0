package writers

import (
	"appeal/internal/input"
	"appeal/internal/output"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// column is what one CSV column holds.
type column struct {
	f      field
	part   int    // 1 to 4 for address1 to address4
	lang   string // for a city in a letter language, its canonical tag
	header string // the canonical name, for messages
	ok     bool   // false: a column without a header
}

// columns maps a folded header (see foldHeader) to its column.
var columns = map[string]column{
	"name":     {f: fName},
	"address":  {f: fAddress},
	"postcode": {f: fPostcode}, "postalcode": {f: fPostcode}, "zip": {f: fPostcode}, "zipcode": {f: fPostcode},
	"city": {f: fCity}, "town": {f: fCity},
	"region": {f: fRegion}, "state": {f: fRegion}, "province": {f: fRegion},
	"country":  {f: fCountry},
	"language": {f: fLanguage},
	"email":    {f: fEmail},
	"note":     {f: fNote},
	"to":       {f: fTo}, "recipients": {f: fTo},
	"case": {f: fCase},
}

func init() {
	for i := 1; i <= 4; i++ {
		c := column{f: fAddress, part: i}
		columns[fmt.Sprintf("address%d", i)] = c
		columns[fmt.Sprintf("addressline%d", i)] = c
	}
}

const knownColumns = "name, address (or address1 to address4), postcode, city (and city_ru … for a letter language), region, country, language, email, note, to (recipient ids), case (its reference)"

// foldHeader lower-cases h and drops spaces, "_", "-" and ".", so that
// "Postal code", "E-mail" and "Address 1" are found.
func foldHeader(h string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '.', '\u00a0':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(h)))
}

// cityHeader reads a header that names the city in a letter language:
// "city" or "town", any separator and a BCP 47 tag, perhaps in brackets,
// as in "city_ru", "City (RU)", "city.kk-KZ" or "Town EN". It returns
// the tag as written, and ok false for a header of another form.
func cityHeader(h string) (tag string, ok bool) {
	h = strings.TrimSpace(h)
	if len(h) <= 4 || !strings.EqualFold(h[:4], "city") && !strings.EqualFold(h[:4], "town") {
		return "", false
	}
	rest := h[4:]
	if r, _ := utf8.DecodeRuneInString(rest); isAlnum(r) {
		return "", false // "Citizenship"
	}
	tag = strings.TrimLeftFunc(rest, func(r rune) bool { return !isAlnum(r) })
	tag = strings.TrimRight(tag, ")]} \t\u00a0")
	return tag, tag != ""
}

// cityColumn is the column of header h when it names the city in a letter
// language with a valid tag.
func (l *loader) cityColumn(h string) (column, bool) {
	t, ok := cityHeader(h)
	if !ok {
		return column{}, false
	}
	// A spreadsheet may write "city_kk_KZ"; a tag has hyphens.
	tag, ok := l.tag(strings.ReplaceAll(t, "_", "-"))
	return column{f: fCity, lang: tag}, ok
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// csv reads src as CSV; prefix is its beginning, to find the separator.
func (l *loader) csv(text []byte) error {
	prefix := text[:min(len(text), 64<<10)]
	sep, sepLine := separator(prefix)
	var r io.Reader = bytes.NewReader(text)
	if bytes.IndexByte(prefix, '\n') < 0 && bytes.IndexByte(prefix, '\r') >= 0 {
		r = crReader{r} // old Mac line ends
	}
	cr := csv.NewReader(r)
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	// The header: the first row that is not empty, after any "sep=;" line.
	var header []string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return l.fatal(1, "", "the file is empty")
		}
		if err != nil {
			return l.csvError(err)
		}
		if empty(rec) {
			continue
		}
		if sepLine && len(rec) == 2 && strings.EqualFold(rec[0], "sep=") && rec[1] == "" {
			sepLine = false
			continue
		}
		header = rec
		break
	}
	headerLine, _ := cr.FieldPos(0)
	l.emptyLine = headerLine
	cols, err := l.columns(header, headerLine)
	if err != nil {
		return err
	}

	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return l.csvError(err)
		}
		if empty(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		r := row{line: line}
		var parts [4]string
		headless := false
		for i, v := range rec {
			v = output.Undefuse(v)
			if i >= len(cols) || !cols[i].ok {
				if !headless && strings.TrimSpace(v) != "" {
					headless = true // once a row
					r.problems = append(r.problems, l.problem(line, fmt.Sprintf("column %d", i+1),
						"a value in a column without a header; name the column (%s) or clear it", knownColumns))
				}
				continue
			}
			switch c := cols[i]; {
			case c.lang != "":
				r.cities = append(r.cities, langCity{tag: c.lang, path: "city." + c.lang, name: v})
			case c.part > 0:
				parts[c.part-1] = v
			case c.f == fAddress:
				r.address = addressLines(r.address, v)
			default:
				r.val[c.f] = v
			}
		}
		for _, p := range parts {
			r.address = addressLines(r.address, p)
		}
		l.add(&r)
	}
}

// columns reads the header row.
func (l *loader) columns(header []string, line int) ([]column, error) {
	cols := make([]column, len(header))
	var ps []string
	seen := map[string]int{} // canonical name -> column
	var have [nFields]bool
	parts := false
	unknown := 0
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			continue
		}
		c, ok := columns[foldHeader(h)]
		if !ok {
			c, ok = l.cityColumn(h)
		}
		if !ok {
			if unknown++; unknown > maxUnknown {
				continue
			}
			if t, isCity := cityHeader(h); isCity {
				ps = append(ps, fmt.Sprintf("column %s: %s is not a language tag such as en, ru or kk; name the city in a letter language like \"city_ru\"", input.Quote(strings.TrimSpace(h)), input.Quote(t)))
			} else {
				ps = append(ps, fmt.Sprintf("unknown column %s; %sthe columns are %s", input.Quote(strings.TrimSpace(h)), suggest(foldHeader(h), columnNames), knownColumns))
			}
			continue
		}
		c.header = fieldNames[c.f]
		switch {
		case c.part > 0:
			c.header = fmt.Sprintf("address%d", c.part)
			parts = true
		case c.lang != "":
			c.header = "city (" + c.lang + ")"
		}
		if j, dup := seen[c.header]; dup {
			ps = append(ps, fmt.Sprintf("columns %d (%s) and %d (%s) both give the %s; keep one", j+1, input.Quote(strings.TrimSpace(header[j])), i+1, input.Quote(strings.TrimSpace(h)), c.header))
			continue
		}
		seen[c.header] = i
		c.ok = true
		cols[i] = c
		if c.part == 0 {
			have[c.f] = true
		}
	}
	if unknown > maxUnknown {
		ps = append(ps, fmt.Sprintf("and %d more unknown columns: is the first row the names of the columns?", unknown-maxUnknown))
	}
	if parts && have[fAddress] {
		ps = append(ps, `there is an "address" column and "address1" to "address4" columns; use one or the other`)
	}
	for _, f := range []field{fName, fCity, fCountry} {
		if !have[f] {
			ps = append(ps, fmt.Sprintf("no %q column; the first row names the columns: %s", fieldNames[f], knownColumns))
		}
	}
	if len(ps) > 0 {
		out := l.fatal(line, "", "%s", ps[0])
		for _, p := range ps[1:] {
			out = append(out, l.problem(line, "", "%s", p))
		}
		return nil, out
	}
	return cols, nil
}

// maxUnknown is how many unknown columns are reported one by one.
const maxUnknown = 10

// columnNames are the names suggest proposes for a misspelt header.
var columnNames = []string{"name", "address", "address1", "address2", "address3", "address4", "postcode", "city", "region", "country", "language", "email", "note"}

func (l *loader) problem(line int, path, format string, args ...any) input.Problem {
	return input.Problem{File: l.name, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// csvError turns a syntax error of encoding/csv into problems.
func (l *loader) csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return l.fatal(0, "", "not CSV: %v", err)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return l.fatal(pe.Line, "", `not CSV: a quote (") in a field that is not in quotes; put the whole field in quotes and double the quote (""), as spreadsheets do`)
	case errors.Is(pe.Err, csv.ErrQuote):
		if pe.Line != pe.StartLine {
			return l.fatal(pe.StartLine, "", `not CSV: a field in quotes on this row is not closed where it should be (found on line %d); double any quote (") inside it`, pe.Line)
		}
		return l.fatal(pe.StartLine, "", `not CSV: a field in quotes on this row is not closed where it should be; double any quote (") inside it`)
	}
	return l.fatal(pe.Line, "", "not CSV: %v", pe.Err)
}

// empty reports whether every field of rec is blank.
func empty(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// separator finds the separator in the header line: the most frequent of
// comma, semicolon and tab outside quotes, comma when there is none. A
// first line "sep=;", as Excel writes, names it (and is then skipped).
func separator(prefix []byte) (sep rune, sepLine bool) {
	for len(prefix) > 0 {
		var line []byte
		line, prefix, _ = bytes.Cut(prefix, []byte{'\n'})
		line = bytes.TrimRight(line, "\r")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if s := string(line); len(s) > 4 && strings.EqualFold(s[:4], "sep=") {
			if r, n := utf8.DecodeRuneInString(s[4:]); 4+n == len(s) && r != '"' && r != utf8.RuneError && r != '\r' && r != '\n' {
				return r, true
			}
		}
		counts := map[rune]int{}
		quoted := false
		for _, c := range string(line) {
			switch {
			case c == '"':
				quoted = !quoted
			case !quoted && (c == ',' || c == ';' || c == '\t'):
				counts[c]++
			}
		}
		sep = ','
		for _, c := range []rune{';', '\t'} {
			if counts[c] > counts[sep] {
				sep = c
			}
		}
		return sep, false
	}
	return ',', false
}

// crReader turns lone carriage returns into line feeds.
type crReader struct{ r io.Reader }

func (c crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}
