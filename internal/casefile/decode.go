package casefile

import (
	"appeal/internal/input"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest input Load reads. Case files are a few kilobytes;
// anything near this size is the wrong file.
const MaxSize = 1 << 20

// maxNodes bounds the YAML nodes one decode visits, aliases expanded, so a
// small file that expands to millions of nodes (an alias bomb) is refused.
const maxNodes = 100_000

// maxExpanded bounds the text one decode takes in, aliases expanded: a
// 500 KB string aliased a thousand times is 500 MB of letters.
const maxExpanded = 4 << 20

// maxField is the longest text one field may hold: a case's facts are a
// few kilobytes, a name a few dozen bytes.
const maxField = 32 << 10

// decoder walks a yaml.Node tree into Go values, strictly: unknown fields and
// wrong kinds are problems, and every problem carries its line and path.
type decoder struct {
	lines    map[string]int // path -> line, for validation messages
	problems input.Problems
	visited  int
	expanded int  // bytes of text taken in, aliases expanded
	tooBig   bool // maxExpanded was passed and said so
}

// take counts the text s of node n at path against the limits, and says
// whether it may be kept.
func (d *decoder) take(n *yaml.Node, path, s string) bool {
	if r, ok := input.Control(s); ok {
		d.fail(n, path, "holds the control character %U (%s), which no letter can print; remove it", r, input.RuneName(r))
		return false
	}
	if len(s) > maxField {
		d.fail(n, path, "%d KiB of text; a field holds at most %d KiB: is this the right value?", len(s)>>10, maxField>>10)
		return false
	}
	d.expanded += len(s)
	if d.expanded > maxExpanded {
		if !d.tooBig {
			d.tooBig = true
			d.fail(n, path, "the file expands to more than %d MiB of text once aliases are expanded; write the values out instead of repeating aliases", maxExpanded>>20)
		}
		return false
	}
	return true
}

// parse reads a whole YAML document from r. name is used in messages only.
func parse(name string, r io.Reader) (*yaml.Node, []byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxSize {
		return nil, nil, input.Problems{{File: name, Msg: fmt.Sprintf("file is larger than %d KiB; a case file is a few kilobytes: is this the right file?", MaxSize>>10)}}
	}
	if _, warning, err := input.Decode(data); err != nil || warning != "" {
		// YAML is UTF-8; say where it is not, and what to do.
		line, msg := 0, "not UTF-8 text"
		var de *input.DecodeError
		if errors.As(err, &de) {
			line, msg = de.Line, de.Msg
		} else if i := bytes.IndexFunc(data, func(r rune) bool { return r == utf8.RuneError }); i >= 0 {
			line = bytes.Count(data[:i], []byte("\n")) + 1
			msg = "not UTF-8 text (the first bad byte is on this line)"
		}
		return nil, nil, input.Problems{{File: name, Line: line, Msg: msg + "; save the file as UTF-8 (a text editor's \"Save as\" offers it)"}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, yamlProblem(name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil, input.Problems{{File: name, Line: 1, Msg: "the file is empty"}}
	}
	if line := input.SecondDocument(data); line > 0 {
		return nil, nil, input.Problems{{File: name, Line: line, Msg: "a second YAML document starts here (after ---); a file holds one: remove the --- line, or split the file"}}
	}
	return doc.Content[0], data, nil
}

// checkMarks finds the "# check:" comments that appeal import leaves on
// the values a person must check, with their lines.
func checkMarks(name string, data []byte) []input.Problem {
	var out []input.Problem
	for i, line := range bytes.Split(data, []byte("\n")) {
		// The mark is a comment of its own: the line's first "#" starts it
		// (a header that mentions "# check:" in quotes is not one).
		hash := bytes.IndexByte(line, '#')
		if hash < 0 {
			continue
		}
		if why, ok := bytes.CutPrefix(line[hash:], []byte("# check:")); ok {
			out = append(out, input.Problem{File: name, Line: i + 1, Msg: "still marked for checking: " + strings.TrimSpace(string(why))})
		}
	}
	return out
}

// yamlProblem turns a syntax error of the YAML parser into a Problem.
func yamlProblem(name string, err error) input.Problems {
	line, msg := input.YAMLError(err)
	return input.Problems{{File: name, Line: line, Msg: "not valid YAML: " + msg}}
}

// decodeInto decodes root into v (a pointer to a struct) and returns the
// path-to-line table with the problems found.
func decodeInto(name string, root *yaml.Node, v any) (map[string]int, error) {
	d := &decoder{lines: map[string]int{}}
	d.value(root, reflect.ValueOf(v).Elem(), "")
	for i := range d.problems {
		d.problems[i].File = name
	}
	if len(d.problems) > 0 {
		return d.lines, d.problems
	}
	return d.lines, nil
}

func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.problems = append(d.problems, input.Problem{Line: n.Line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

var (
	textType  = reflect.TypeOf(Text{})
	linesType = reflect.TypeOf(Lines{})
	dateType  = reflect.TypeOf(Date{})
)

func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	for depth := 0; n.Kind == yaml.AliasNode; depth++ {
		if depth > 100 {
			d.fail(n, path, "alias refers to itself")
			return
		}
		n = n.Alias
	}
	d.visited++
	if d.visited == maxNodes {
		d.fail(n, path, "too many nodes once aliases are expanded (more than %d); remove the aliases", maxNodes)
	}
	if d.visited >= maxNodes {
		return
	}
	if _, ok := d.lines[path]; !ok {
		d.lines[path] = n.Line
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value: left zero, and reported by Validate where required
	}
	switch v.Type() {
	case textType:
		d.text(n, v, path)
		return
	case linesType:
		d.linesValue(n, v, path)
		return
	case dateType:
		d.date(n, v, path)
		return
	}
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, path, "expected a single value, found %s", input.KindName(n))
			return
		}
		if d.take(n, path, n.Value) {
			v.SetString(n.Value)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "expected a list, found %s", input.KindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, path, "expected true or false, found %s", input.KindName(n))
			return
		}
		switch strings.ToLower(n.Value) {
		case "true", "yes":
			v.SetBool(true)
		case "false", "no":
			v.SetBool(false)
		default:
			d.fail(n, path, "%q: write true or false", n.Value)
		}
	case reflect.Struct:
		d.structure(n, v, path)
	default:
		panic("casefile: cannot decode into " + v.Type().String())
	}
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a map of fields, found %s", input.KindName(n))
		return
	}
	fields := map[string]int{}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
			fields[tag] = i
		}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		fieldPath := join(path, key)
		idx, ok := fields[key]
		switch {
		case k.Kind != yaml.ScalarNode:
			d.fail(k, path, "a field name must be a plain word")
		case key == "<<":
			d.fail(k, path, "YAML merge keys (<<) are not supported; write the fields out")
		case !ok:
			d.fail(k, fieldPath, "unknown field%s", suggest(key, fields))
		case seen[key]:
			d.fail(k, fieldPath, "field given twice")
		default:
			seen[key] = true
			d.value(val, v.Field(idx), fieldPath)
		}
	}
}

// text decodes a Text: a plain string, or a map from language tag to
// string, where a quoted empty key ("") stands for every language.
func (d *decoder) text(n *yaml.Node, v reflect.Value, path string) {
	switch n.Kind {
	case yaml.ScalarNode:
		if d.take(n, path, n.Value) {
			v.Set(reflect.ValueOf(Text{"": n.Value}))
		}
	case yaml.MappingNode:
		t := Text{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			for val.Kind == yaml.AliasNode && val.Alias != nil {
				val = val.Alias
			}
			p := join(path, k.Value)
			d.lines[p] = k.Line
			switch {
			case k.Kind != yaml.ScalarNode || k.Value == "" && k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0:
				d.fail(k, path, "a language tag must be a plain word such as en or ru")
			case val.Kind != yaml.ScalarNode:
				d.fail(val, p, "expected text, found %s", input.KindName(val))
			default:
				if _, dup := t[k.Value]; dup {
					d.fail(k, p, "language given twice")
				}
				if d.take(val, p, val.Value) {
					t[k.Value] = val.Value
				}
			}
		}
		v.Set(reflect.ValueOf(t))
	default:
		d.fail(n, path, "expected text or a map from language tag to text (en: ..., ru: ...), found %s", input.KindName(n))
	}
}

// linesValue decodes Lines: a list of lines, or a map from language tag to
// a list of lines.
func (d *decoder) linesValue(n *yaml.Node, v reflect.Value, path string) {
	list := func(n *yaml.Node, path string) ([]string, bool) {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "expected a list of lines, found %s", input.KindName(n))
			return nil, false
		}
		out := make([]string, 0, len(n.Content))
		for i, item := range n.Content {
			for item.Kind == yaml.AliasNode && item.Alias != nil {
				item = item.Alias
			}
			p := fmt.Sprintf("%s[%d]", path, i)
			d.lines[p] = item.Line
			if item.Kind != yaml.ScalarNode {
				d.fail(item, p, "expected a line of text, found %s", input.KindName(item))
				return nil, false
			}
			if strings.TrimSpace(item.Value) != "" && d.take(item, p, item.Value) {
				out = append(out, item.Value)
			}
		}
		return out, true
	}
	switch n.Kind {
	case yaml.SequenceNode:
		if l, ok := list(n, path); ok {
			v.Set(reflect.ValueOf(Lines{"": l}))
		}
	case yaml.MappingNode:
		ls := Lines{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			p := join(path, k.Value)
			d.lines[p] = k.Line
			switch {
			case k.Kind != yaml.ScalarNode || k.Value == "" && k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0:
				d.fail(k, path, "a language tag must be a plain word such as en or ru")
			default:
				if _, dup := ls[k.Value]; dup {
					d.fail(k, p, "language given twice")
				}
				if l, ok := list(val, p); ok {
					ls[k.Value] = l
				}
			}
		}
		v.Set(reflect.ValueOf(ls))
	default:
		d.fail(n, path, "expected a list of lines, or a map from language tag to a list of lines (en: [...], ru: [...]), found %s", input.KindName(n))
	}
}

func (d *decoder) date(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, path, "expected a date such as 2017-03-14, found %s", input.KindName(n))
		return
	}
	t, err := ParseDate(n.Value)
	if err != nil {
		d.fail(n, path, "%v", err)
		return
	}
	v.Set(reflect.ValueOf(Date{t}))
}

// ParseDate reads a date written YYYY-MM-DD, and says what is wrong with
// one that is not a day of the calendar (a month 13, 30 February).
func ParseDate(s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err == nil {
		return d, nil
	}
	var y, m, day int
	if n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &day); n != 3 || len(s) != len(time.DateOnly) {
		return time.Time{}, fmt.Errorf("%q is not a date; write it as YYYY-MM-DD, e.g. 2017-03-14", s)
	}
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("%q: %d is not a month; months go from 01 to 12", s, m)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Time{}, fmt.Errorf("%q: %s %d has %d days", s, time.Month(m), y, last)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// suggest names the closest known field, or lists them all.
func suggest(key string, fields map[string]int) string {
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names)
	if best := input.Closest(key, names); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return "; known fields: " + strings.Join(names, ", ")
}
