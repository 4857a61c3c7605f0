package casefile

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest input Load reads. Case files are a few kilobytes;
// anything near this size is the wrong file.
const MaxSize = 1 << 20

// maxNodes bounds the YAML nodes one decode visits, aliases expanded, so a
// small file that expands to millions of nodes (an alias bomb) is refused.
const maxNodes = 100_000

// decoder walks a yaml.Node tree into Go values, strictly: unknown fields and
// wrong kinds are problems, and every problem carries its line and path.
type decoder struct {
	lines    map[string]int // path -> line, for validation messages
	problems Problems
	visited  int
}

// parse reads a whole YAML document from r. name is used in messages only.
func parse(name string, r io.Reader) (*yaml.Node, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxSize {
		return nil, Problems{{File: name, Msg: fmt.Sprintf("file is larger than %d KiB; a case file is a few kilobytes: is this the right file?", MaxSize>>10)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlProblem(name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, Problems{{File: name, Line: 1, Msg: "the file is empty"}}
	}
	return doc.Content[0], nil
}

// yamlProblem turns a syntax error of the YAML parser into a Problem.
func yamlProblem(name string, err error) Problems {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line, msg = n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return Problems{{File: name, Line: line, Msg: "not valid YAML: " + msg}}
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
	d.problems = append(d.problems, Problem{Line: n.Line, Path: path, Msg: fmt.Sprintf(format, args...)})
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
			d.fail(n, path, "expected a single value, found %s", kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "expected a list, found %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Struct:
		d.structure(n, v, path)
	default:
		panic("casefile: cannot decode into " + v.Type().String())
	}
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a map of fields, found %s", kindName(n))
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
		v.Set(reflect.ValueOf(Text{"": n.Value}))
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
				d.fail(val, p, "expected text, found %s", kindName(val))
			default:
				if _, dup := t[k.Value]; dup {
					d.fail(k, p, "language given twice")
				}
				t[k.Value] = val.Value
			}
		}
		v.Set(reflect.ValueOf(t))
	default:
		d.fail(n, path, "expected text or a map from language tag to text (en: ..., ru: ...), found %s", kindName(n))
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
			d.fail(n, path, "expected a list of lines, found %s", kindName(n))
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
				d.fail(item, p, "expected a line of text, found %s", kindName(item))
				return nil, false
			}
			if strings.TrimSpace(item.Value) != "" {
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
		d.fail(n, path, "expected a list of lines, or a map from language tag to a list of lines (en: [...], ru: [...]), found %s", kindName(n))
	}
}

func (d *decoder) date(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, path, "expected a date such as 2017-03-14, found %s", kindName(n))
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

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("%q", n.Value)
	}
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
	if best := Closest(key, names); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return "; known fields: " + strings.Join(names, ", ")
}

// Closest returns the name of known nearest to key (ignoring case) when it
// is a likely misspelling, two edits away at most; else "".
func Closest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := levenshtein(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 {
		return len(ra) // not a misspelling of a short name
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Problem is one thing wrong with an input file.
type Problem struct {
	File string
	Line int    // 0 when the problem has no line
	Path string // e.g. recipients[1].title.ru; empty for the whole file
	Msg  string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in one input, in file order. It is the
// error type of invalid input.
type Problems []Problem

// maxShown is how many problems Error lists before it only counts the rest.
const maxShown = 20

func (ps Problems) Error() string {
	var lines []string
	for i, p := range ps {
		if i == maxShown {
			lines = append(lines, fmt.Sprintf("%s: and %d more problems", p.File, len(ps)-maxShown))
			break
		}
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// Sort orders ps by line, keeping the order of problems on one line.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

// Under reports whether path is, or lies inside, the path of one of ps:
// a problem there has been reported already.
func (ps Problems) Under(path string) bool {
	for _, p := range ps {
		if p.Path == path || strings.HasPrefix(path, p.Path+".") || strings.HasPrefix(path, p.Path+"[") {
			return true
		}
	}
	return false
}

// Within reports whether one of ps lies inside path: a value under path
// could not be read, so what path lacks is already explained.
func (ps Problems) Within(path string) bool {
	for _, p := range ps {
		if strings.HasPrefix(p.Path, path+".") || strings.HasPrefix(p.Path, path+"[") {
			return true
		}
	}
	return false
}

// IsInvalid reports whether err is, or wraps, Problems: input the user must fix.
func IsInvalid(err error) bool {
	var ps Problems
	return errors.As(err, &ps)
}
