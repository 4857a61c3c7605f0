package importer

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var corpusMisses = flag.Bool("corpus.misses", false, "TestCorpus: log every expected value not found")

// knownInvented lists the values the importer invents today (a value the
// text does not hold, not marked # check:), as "text: field: value".
// TestCorpus fails on any other; remove an entry once it is fixed.
var knownInvented = map[string]bool{}

// expectation is a corpus text's NAME.expect.yaml: what a careful person
// copies from the text by hand (see testdata/corpus/README.md).
type expectation struct {
	Source     string   `yaml:"source"`
	Language   string   `yaml:"language"`
	Deadline   string   `yaml:"deadline"`
	Languages  []string `yaml:"languages"`
	Prisoners  []string `yaml:"prisoners"`
	Recipients []struct {
		Name       string `yaml:"name"`
		Honorific  string `yaml:"honorific"`
		Title      string `yaml:"title"`
		Role       string `yaml:"role"`
		Email      any    `yaml:"email"`
		Fax        any    `yaml:"fax"`
		Salutation string `yaml:"salutation"`
	} `yaml:"recipients"`
}

// value is one value of a draft, with whether it is marked # check:.
type value struct {
	v      string
	marked bool
}

// found is what a draft gives for the fields the corpus measures.
type found struct {
	deadline   value
	languages  []value
	prisoners  []value
	recipients []map[string]value // name, title, role, email, fax, salutation
}

// score counts one text's fields.
type score struct {
	expected, found int
	invented        []string
	misses          []string
	refused         bool // Import found no Urgent Action in the text
}

// TestCorpus imports every text of testdata/corpus as the command line
// does and compares the draft field by field with the text's expectation:
// the deadline, each letter language, each prisoner, and for each expected
// recipient (matched to a drafted one by name, else by title) its name,
// title, role, e-mails, faxes and salutation. It logs a table and the
// totals. A low score does not fail; an invented value does: one the text
// does not hold (or, for a deadline or language, one the expectation does
// not give) that is not marked # check:.
func TestCorpus(t *testing.T) {
	txts, _ := filepath.Glob("testdata/corpus/*.txt")
	if len(txts) == 0 {
		t.Fatal("no corpus texts")
	}
	var total score
	refused := 0
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-40s %8s %6s %8s\n", "text", "expected", "found", "invented")
	for _, p := range txts {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		s := corpusScore(t, p, name)
		total.expected += s.expected
		total.found += s.found
		total.invented = append(total.invented, s.invented...)
		note := ""
		if s.refused {
			note = "  (refused: no Urgent Action found)"
			refused++
		}
		fmt.Fprintf(&table, "%-40s %8d %6d %8d%s\n", name, s.expected, s.found, len(s.invented), note)
		if *corpusMisses {
			for _, m := range s.misses {
				fmt.Fprintf(&table, "    missed %s\n", m)
			}
		}
		for _, inv := range s.invented {
			if !knownInvented[inv] {
				t.Errorf("invented, not marked # check: %s", inv)
			}
		}
	}
	pct := 100 * float64(total.found) / float64(total.expected)
	fmt.Fprintf(&table, "%-40s %8d %6d %8d\n", "total", total.expected, total.found, len(total.invented))
	t.Log(table.String())
	t.Logf("corpus: %d texts (%d refused), %d fields expected, %d found (%.1f %%), %d invented",
		len(txts), refused, total.expected, total.found, pct, len(total.invented))
}

func corpusScore(t *testing.T, path, name string) score {
	t.Helper()
	var s score
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ed, err := os.ReadFile(strings.TrimSuffix(path, ".txt") + ".expect.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var want expectation
	if err := yaml.Unmarshal(ed, &want); err != nil {
		t.Fatalf("%s.expect.yaml: %v", name, err)
	}
	text, _, err := Read(name+".txt", "", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var got found
	if res, err := Import(text, Options{Name: name + ".txt"}); err == nil {
		got = readDraft(t, name, res.YAML)
	} else {
		s.refused = true
	}
	hay := haystack(text)

	expect := func(field, want string, ok bool) {
		s.expected++
		if ok {
			s.found++
		} else {
			s.misses = append(s.misses, field+": "+want)
		}
	}
	// invent records a drafted value that does not match what is expected.
	invent := func(field string, v value, inText bool) {
		if v.v != "" && !v.marked && !inText {
			s.invented = append(s.invented, fmt.Sprintf("%s: %s: %s", name, field, v.v))
		}
	}

	if want.Deadline != "" {
		expect("deadline", want.Deadline, got.deadline.v == want.Deadline)
	}
	if got.deadline.v != want.Deadline {
		invent("deadline", got.deadline, false)
	}
	for _, l := range want.Languages {
		expect("languages", l, slices.ContainsFunc(got.languages, func(v value) bool { return v.v == l }))
	}
	for _, v := range got.languages {
		invent("languages", v, slices.Contains(want.Languages, v.v))
	}
	for _, p := range want.Prisoners {
		expect("prisoner", p, slices.ContainsFunc(got.prisoners, func(v value) bool { return fold(v.v) == fold(p) }))
	}
	for _, v := range got.prisoners {
		invent("prisoner", v, hay.holds("prisoner", v.v))
	}

	matched := make([]bool, len(got.recipients))
	for i, r := range want.Recipients {
		who := fmt.Sprintf("recipients[%d]", i)
		j := matchRecipient(r.Name, r.Title, got.recipients, matched)
		var g map[string]value
		if j >= 0 {
			matched[j] = true
			g = got.recipients[j]
		}
		same := func(field, w string) bool { return g != nil && normField(field, g[field].v) == normField(field, w) }
		for _, f := range [][2]string{{"name", r.Name}, {"title", r.Title}, {"role", r.Role}, {"salutation", r.Salutation}} {
			if f[1] != "" {
				expect(who+"."+f[0], f[1], same(f[0], f[1]))
			}
		}
		for _, f := range []struct {
			field string
			want  any
		}{{"email", r.Email}, {"fax", r.Fax}} {
			for _, w := range list(f.want) {
				expect(who+"."+f.field, w, same(f.field, w))
			}
		}
		if g != nil {
			inventRecipient(g, hay, invent)
		}
	}
	for j, g := range got.recipients {
		if !matched[j] {
			inventRecipient(g, hay, invent)
		}
	}
	return s
}

func inventRecipient(g map[string]value, hay haystackText, invent func(string, value, bool)) {
	for _, field := range []string{"name", "title", "email", "fax", "salutation"} {
		v := g[field]
		invent("recipient "+field, v, hay.holds(field, v.v))
	}
}

// matchRecipient finds the drafted recipient for an expected one: the
// same name, else the same title, else a name or title one holds the other.
func matchRecipient(name, title string, got []map[string]value, taken []bool) int {
	tests := []func(g map[string]value) bool{
		func(g map[string]value) bool { return name != "" && fold(g["name"].v) == fold(name) },
		func(g map[string]value) bool { return title != "" && fold(g["title"].v) == fold(title) },
		func(g map[string]value) bool {
			return name != "" && g["name"].v != "" && (strings.Contains(fold(name), fold(g["name"].v)) || strings.Contains(fold(g["name"].v), fold(name)))
		},
		func(g map[string]value) bool {
			return title != "" && g["title"].v != "" && (strings.Contains(fold(title), fold(g["title"].v)) || strings.Contains(fold(g["title"].v), fold(title)))
		},
	}
	for _, ok := range tests {
		for j, g := range got {
			if !taken[j] && ok(g) {
				return j
			}
		}
	}
	return -1
}

// normField makes two values of a field comparable: case and spacing do
// not count, nor a salutation's closing comma, nor a fax's separators.
func normField(field, v string) string {
	v = strings.Join(strings.Fields(strings.ReplaceAll(v, "\u00a0", " ")), " ")
	switch field {
	case "fax":
		return digitsOnly(v)
	case "email":
		return strings.ToLower(v)
	}
	return fold(strings.Trim(plainQuotes(v), " ,.;:!"))
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func list(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}

// haystackText is a source text made searchable for drafted values.
type haystackText struct {
	folded string   // folded, spaces collapsed, "(a)" read as "@"
	digits []string // each line's digits
}

var atRe = regexp.MustCompile(`\s*(?:\(a\)|\[at\]|\(at\))\s*`)

func haystack(text string) haystackText {
	h := haystackText{folded: normField("", atRe.ReplaceAllString(straightQuotes(text), "@"))}
	for _, l := range strings.Split(text, "\n") {
		h.digits = append(h.digits, digitsOnly(l))
	}
	return h
}

// holds reports whether the text holds a drafted value of a field.
func (h haystackText) holds(field, v string) bool {
	if v == "" {
		return true
	}
	if field == "fax" {
		d := digitsOnly(v)
		return slices.ContainsFunc(h.digits, func(l string) bool { return strings.Contains(l, d) })
	}
	return strings.Contains(h.folded, normField("", v))
}

// readDraft reads the measured fields of a draft, and whether each is
// marked # check: (on its line, in the comments above it, or on its key).
func readDraft(t *testing.T, name string, data []byte) found {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: the draft is not YAML: %v", name, err)
	}
	lines := strings.Split(string(data), "\n")
	marked := func(n *yaml.Node) bool { return markedCheck(lines, n.Line) }
	var f found
	if len(doc.Content) == 0 {
		return f
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		keyMarked := marked(k)
		switch k.Value {
		case "deadline":
			f.deadline = value{v.Value, keyMarked || marked(v)}
		case "languages":
			for _, l := range v.Content {
				f.languages = append(f.languages, value{l.Value, keyMarked || marked(l)})
			}
		case "prisoners":
			for _, p := range v.Content {
				if n := mapValue(p, "name"); n != nil {
					f.prisoners = append(f.prisoners, value{textValue(n), keyMarked || marked(n) || marked(p)})
				}
			}
		case "recipients":
			for _, r := range v.Content {
				g := map[string]value{}
				for _, field := range []string{"name", "title", "role", "email", "fax", "salutation"} {
					if n := mapValue(r, field); n != nil {
						g[field] = value{textValue(n), marked(n) || markedKey(r, field, lines)}
					}
				}
				f.recipients = append(f.recipients, g)
			}
		}
	}
	return f
}

// mapValue is the value of key in a mapping node.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func markedKey(m *yaml.Node, key string, lines []string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return markedCheck(lines, m.Content[i].Line)
		}
	}
	return false
}

// textValue is a scalar, or the first value of a one-language map.
func textValue(n *yaml.Node) string {
	if n.Kind == yaml.MappingNode && len(n.Content) >= 2 {
		return n.Content[1].Value
	}
	return n.Value
}
