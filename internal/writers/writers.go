// Package writers reads a writers file: the volunteers who each send their
// own copy of the letters, one row or entry per writer.
//
// The file is a spreadsheet saved as CSV (comma, semicolon or tab
// separated; UTF-8 with or without a byte order mark, UTF-16 with a byte
// order mark, or Windows-1252), or a YAML or JSON list of objects. Every
// writer needs a name, a city and a country; a region (state or province)
// is optional. The city is written as the writer's post writes it, and may
// also be given in each letter language: CSV columns such as "city_ru",
// or in YAML and JSON a map such as city: {"": Manchester, ru: Манчестер}.
// See Load.
//
// Names and addresses are personal data: this package writes them nowhere
// but into the values and errors it returns.
package writers

import (
	"appeal/internal/input"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"appeal/internal/casefile"
	"appeal/internal/country"
)

// MaxSize is the largest writers file Load reads: 10,000 writers take
// about 2 MiB, so a larger file is the wrong file.
const MaxSize = 50 << 20

// Writer is one volunteer who sends the letters.
type Writer struct {
	// Country is the ISO code; Language, when given, and the keys of
	// City other than "" are canonical BCP 47 tags.
	Sender casefile.Sender
	Note   string // a sentence of the writer's own, placed in the letter as written
	// To lists the ids of the recipients the writer writes to; empty:
	// every recipient the batch selects.
	To []string
	// Case is the reference of the case the writer wrote for (serve
	// --collect records it); empty: any case. A batch leaves out the
	// writers of other cases.
	Case string
	Line int // line in the file where the row starts (for messages)
}

// File is a writers file as read.
type File struct {
	Writers  []Writer       // the valid rows, in file order
	Skipped  input.Problems // the problems of the rows left out of Writers
	Warnings []string       // e.g. "writers.csv: not UTF-8; read as Windows-1252"
}

// Load reads the writers file name from r. The format follows the extension
// of name (.csv, .tsv, .yaml, .yml, .json); for "-" and other names it is
// sniffed from the content.
//
// Every problem is returned as input.Problems. When the file as a whole
// cannot be read (too large, empty, not text, a syntax error, a missing
// or unknown column) the File is nil. When only some rows are invalid, Load
// returns both the File, whose Writers are the valid rows and whose Skipped
// lists the problems of the others, and the same problems as the error.
// Errors reading r are returned as they are.
func Load(name string, r io.Reader) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	l := &loader{name: name}
	if len(data) > MaxSize {
		return nil, l.fatal(0, "", "file is larger than %d MiB; 10,000 writers take about 2 MiB: is this the right file?", MaxSize>>20)
	}
	text, warning, err := input.Decode(data)
	var de *input.DecodeError
	if errors.As(err, &de) {
		return nil, l.fatal(de.Line, "", "%s; save the writers as \"CSV UTF-8\", YAML or JSON", de.Msg)
	}
	if warning != "" {
		l.warnings = append(l.warnings, l.name+": "+warning)
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, l.fatal(1, "", "the file is empty")
	}
	switch formatOf(l.name, text[:min(len(text), 64<<10)]) {
	case formatJSON:
		err = l.json(text)
	case formatYAML:
		err = l.yaml(text)
	default:
		err = l.csv(text)
	}
	if err != nil {
		return nil, err
	}
	if len(l.writers) == 0 && len(l.skipped) == 0 {
		return nil, l.fatal(l.emptyLine, "", "the file lists no writers")
	}
	f := &File{Writers: l.writers, Skipped: l.skipped, Warnings: l.warnings}
	if len(l.skipped) > 0 {
		f.Skipped.Sort()
		return f, slices.Clone(f.Skipped)
	}
	return f, nil
}

// loader collects the writers and problems of one file.
type loader struct {
	name      string
	writers   []Writer
	skipped   input.Problems
	warnings  []string
	emptyLine int               // the line to report "no writers" on
	tags      map[string]string // language as written -> canonical tag; "" when invalid
	countries map[string]string // country as written -> code; "" when unknown
}

// fatal returns the problems found so far and one that ends the reading.
func (l *loader) fatal(line int, path, format string, args ...any) input.Problems {
	ps := append(slices.Clone(l.skipped), input.Problem{File: l.name, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
	ps.Sort()
	return ps
}

type format int

const (
	formatCSV format = iota
	formatYAML
	formatJSON
)

// yamlKey matches a first line such as "name: Jane" or "- name: Jane".
var yamlKey = regexp.MustCompile(`^(-[ \t]+)?["']?[A-Za-z][A-Za-z0-9_ -]*["']?[ \t]*:([ \t]|$)`)

func formatOf(name string, prefix []byte) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv":
		return formatCSV
	case ".yaml", ".yml":
		return formatYAML
	case ".json":
		return formatJSON
	}
	if t := bytes.TrimLeft(prefix, " \t\r\n"); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
		return formatJSON
	}
	for len(prefix) > 0 {
		var line []byte
		line, prefix, _ = bytes.Cut(prefix, []byte{'\n'})
		t := string(bytes.TrimSpace(line))
		switch {
		case t == "":
			continue
		case t == "---" || t == "-" || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "-\t") || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "%YAML") || yamlKey.MatchString(t):
			return formatYAML
		}
		return formatCSV
	}
	return formatCSV
}

// field is one thing a row says about its writer.
type field int

const (
	fName field = iota
	fAddress
	fPostcode
	fCity
	fRegion
	fCountry
	fLanguage
	fEmail
	fNote
	fTo
	fCase
	nFields
)

var fieldNames = [nFields]string{"name", "address", "postcode", "city", "region", "country", "language", "email", "note", "to", "case"}

// row is one writer as written, before validation.
type row struct {
	line     int             // where the row starts
	val      [nFields]string // address excepted; val[fCity] is the plain city
	address  []string
	cities   []langCity    // the city in letter languages
	at       [nFields]int  // line of each field in YAML and JSON; 0: the row's line
	bad      [nFields]bool // already reported
	problems []input.Problem
}

// langCity is the writer's city in one letter language.
type langCity struct {
	tag  string // canonical BCP 47 tag
	path string // for messages: "city.ru", with the tag as written
	name string
	line int // 0: the row's line
}

// setCity stores name, the city under key: a language tag whose canonical
// form is tag, or "" for the plain form.
func (r *row) setCity(tag, key, name string, line int) {
	if tag == "" {
		r.val[fCity], r.at[fCity] = name, line
		return
	}
	r.cities = append(r.cities, langCity{tag: tag, path: cityPath(key), name: name, line: line})
}

func cityPath(key string) string {
	if key == "" {
		return "city"
	}
	return "city." + key
}

// cityKey checks key, a language tag of a city map in YAML or JSON, and
// returns its canonical form ("" for the plain form) or a problem. seen
// maps the canonical forms met so far in the map to the keys as written.
func (l *loader) cityKey(key string, seen map[string]string) (tag, problem string) {
	if key != "" {
		var ok bool
		if tag, ok = l.tag(key); !ok {
			return "", fmt.Sprintf("%s is not a language tag such as en, ru or kk", input.Quote(key))
		}
	}
	if first, dup := seen[tag]; dup {
		if first == key {
			return "", "given twice"
		}
		return "", fmt.Sprintf("the same language as %s; keep one", input.Quote(first))
	}
	seen[tag] = key
	return tag, ""
}

func (r *row) lineOf(f field) int {
	if r.at[f] > 0 {
		return r.at[f]
	}
	return r.line
}

// addressLines appends the non-empty lines of s to lines.
func addressLines(lines []string, s string) []string {
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// add validates r and adds it to the writers or its problems to skipped.
func (l *loader) add(r *row) {
	ps := r.problems
	problem := func(f field, format string, args ...any) {
		ps = append(ps, input.Problem{File: l.name, Line: r.lineOf(f), Path: fieldNames[f], Msg: fmt.Sprintf(format, args...)})
		r.bad[f] = true
	}
	var v [nFields]string
	for f := range nFields {
		v[f] = strings.TrimSpace(r.val[f])
	}
	for f := range nFields {
		if c, ok := input.Control(v[f]); ok && !r.bad[f] {
			problem(f, "holds the control character %U (%s), which no letter can print; remove it", c, input.RuneName(c))
		}
		if n, most := utf8.RuneCountInString(v[f]), maxLen(f); n > most && !r.bad[f] {
			problem(f, "%d characters; at most %d fit in a letter: is this the right column?", n, most)
		}
	}
	for i, a := range r.address {
		if n := utf8.RuneCountInString(a); n > maxLen(fName) && !r.bad[fAddress] {
			problem(fAddress, "line %d has %d characters; at most %d fit in an address", i+1, n, maxLen(fName))
		}
	}
	for _, f := range []field{fName, fPostcode, fCity, fRegion} {
		if multiline(v[f]) && !r.bad[f] {
			problem(f, "must be one line")
		}
	}
	city := casefile.Text{}
	if v[fCity] != "" {
		city[""] = v[fCity]
	}
	for _, c := range r.cities {
		name := strings.TrimSpace(c.name)
		switch {
		case multiline(name):
			line := c.line
			if line == 0 {
				line = r.line
			}
			ps = append(ps, l.problem(line, c.path, "must be one line"))
			r.bad[fCity] = true
		case name != "":
			city[c.tag] = name
		}
	}
	if v[fName] == "" && !r.bad[fName] {
		problem(fName, "required: the name the writer signs with")
	}
	if len(city) == 0 && !r.bad[fCity] {
		problem(fCity, "required: letters say where the writer lives")
	}
	code := ""
	switch {
	case r.bad[fCountry]:
	case v[fCountry] == "":
		problem(fCountry, "required: the writer's country, as an ISO code (GB) or English name (United Kingdom)")
	default:
		var ok bool
		if code, ok = l.country(v[fCountry]); !ok {
			problem(fCountry, "unknown country %q; give its ISO code (GB) or English name (United Kingdom)", v[fCountry])
		}
	}
	tag := ""
	if v[fLanguage] != "" && !r.bad[fLanguage] {
		var ok bool
		if tag, ok = l.tag(v[fLanguage]); !ok {
			problem(fLanguage, "%q is not a language tag such as en, ru or kk", v[fLanguage])
		}
	}
	if e := v[fEmail]; e != "" && !r.bad[fEmail] {
		if i := strings.IndexByte(e, '@'); i <= 0 || i == len(e)-1 || strings.ContainsFunc(e, isSpace) {
			problem(fEmail, "%q is not an email address", e)
		}
	}
	if len(ps) > 0 {
		l.skipped = append(l.skipped, ps...)
		return
	}
	l.writers = append(l.writers, Writer{
		Sender: casefile.Sender{
			Name:     v[fName],
			Address:  r.address,
			Postcode: v[fPostcode],
			City:     city,
			Region:   v[fRegion],
			Country:  code,
			Email:    v[fEmail],
			Language: tag,
		},
		Note: v[fNote],
		To:   recipientIDs(v[fTo]),
		Case: v[fCase],
		Line: r.line,
	})
}

// recipientIDs reads a "to" value: recipient ids separated by spaces or
// commas.
func recipientIDs(s string) []string {
	ids := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || isSpace(r) })
	if len(ids) == 0 {
		return nil
	}
	return ids
}

func multiline(s string) bool { return strings.ContainsAny(s, "\n\r") }

// maxLen is the most characters field f may hold: a note is a few
// sentences, anything else one line of an address block.
func maxLen(f field) int {
	if f == fNote || f == fTo {
		return 2000
	}
	return 200
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0xA0 }

// country is country.Parse, cached: a file names a handful of countries.
func (l *loader) country(s string) (string, bool) {
	if c, ok := l.countries[s]; ok {
		return c, c != ""
	}
	c, ok := country.Parse(s)
	if l.countries == nil {
		l.countries = map[string]string{}
	}
	if len(l.countries) < 1000 {
		l.countries[s] = c
	}
	return c, ok
}

// tag is canonicalTag, cached: a file names a handful of languages.
func (l *loader) tag(s string) (string, bool) {
	if t, ok := l.tags[s]; ok {
		return t, t != ""
	}
	t, ok := input.Tag(s)
	if l.tags == nil {
		l.tags = map[string]string{}
	}
	if len(l.tags) < 1000 {
		l.tags[s] = t
	}
	return t, ok
}

// suggest is "did you mean" the closest of known, or "" when none is close.
func suggest(key string, known []string) string {
	if best := input.Closest(key, known); best != "" {
		return fmt.Sprintf("did you mean %q? ", best)
	}
	return ""
}
