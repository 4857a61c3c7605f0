package writers

import (
	"appeal/internal/input"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// keys are the fields of a writer in YAML and JSON.
var keys = map[string]field{}

func init() {
	for f, n := range fieldNames {
		keys[n] = field(f)
	}
}

// unknownKey is the message for a key that is not a field of a writer.
func unknownKey(key string) string {
	if _, ok := cityHeader(key); ok {
		return `unknown field; give the city in letter languages as a map under "city", keyed by language tag`
	}
	if c, ok := columns[foldHeader(key)]; ok && c.part == 0 {
		return fmt.Sprintf("unknown field; write %q", fieldNames[c.f])
	}
	if s := suggest(key, fieldNames[:]); s != "" {
		return "unknown field; " + strings.TrimSuffix(s, " ")
	}
	return "unknown field; the fields are " + strings.Join(fieldNames[:], ", ")
}

// yaml reads text as a YAML list of writers.
func (l *loader) yaml(text []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		line, msg := input.YAMLError(err)
		return l.fatal(line, "", "not valid YAML: %s", msg)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		return l.fatal(1, "", "the file is empty")
	}
	if line := input.SecondDocument(text); line > 0 {
		return l.fatal(line, "", "a second YAML document starts here (after ---); list every writer in one list")
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		return l.fatal(list.Line, "", "expected a list of writers, each starting with \"- name:\"; found %s", input.KindName(list))
	}
	l.emptyLine = list.Line
	for _, n := range list.Content {
		r := row{line: n.Line}
		switch n.Kind {
		case yaml.AliasNode:
			r.problems = append(r.problems, l.problem(n.Line, "", "YAML aliases (*name) are not supported; write the writer out"))
		case yaml.MappingNode:
			l.yamlFields(&r, n)
			l.add(&r)
			continue
		default:
			r.problems = append(r.problems, l.problem(n.Line, "", "expected the fields of a writer (name: …), found %s", input.KindName(n)))
		}
		l.skipped = append(l.skipped, r.problems...)
	}
	return nil
}

func (l *loader) yamlFields(r *row, n *yaml.Node) {
	var seen [nFields]bool
	fail := func(line int, path string, format string, args ...any) {
		r.problems = append(r.problems, l.problem(line, path, format, args...))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			fail(k.Line, "", "a field name must be a plain word")
			continue
		}
		if k.Value == "<<" {
			fail(k.Line, "", "YAML merge keys (<<) are not supported; write the fields out")
			continue
		}
		f, ok := keys[k.Value]
		switch {
		case !ok:
			fail(k.Line, k.Value, "%s", unknownKey(k.Value))
			continue
		case seen[f]:
			fail(k.Line, k.Value, "field given twice")
			continue
		}
		seen[f] = true
		r.at[f] = k.Line
		switch {
		case v.Kind == yaml.AliasNode:
			r.bad[f] = true
			fail(v.Line, k.Value, "YAML aliases (*name) are not supported; write the value out")
		case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		case v.Kind == yaml.ScalarNode && f == fAddress:
			r.address = addressLines(r.address, v.Value)
		case v.Kind == yaml.ScalarNode:
			r.val[f] = v.Value
		case v.Kind == yaml.MappingNode && f == fCity:
			l.yamlCity(r, v)
		case v.Kind == yaml.SequenceNode && (f == fTo || f == fAddress):
			what := map[field]string{fTo: "a recipient id", fAddress: "a line of the address"}[f]
			for j, item := range v.Content {
				switch {
				case item.Kind != yaml.ScalarNode:
					r.bad[f] = true
					fail(item.Line, fmt.Sprintf("%s[%d]", fieldNames[f], j), "expected %s, found %s", what, input.KindName(item))
				case item.Tag == "!!null":
				case f == fTo:
					r.val[f] += " " + item.Value
				default:
					r.address = addressLines(r.address, item.Value)
				}
			}
		case f == fAddress:
			r.bad[f] = true
			fail(v.Line, k.Value, "expected a list of lines, found %s", input.KindName(v))
		default:
			r.bad[f] = true
			fail(v.Line, k.Value, "expected text, found %s", input.KindName(v))
		}
	}
}

// yamlCity reads the map n of a city in letter languages.
func (l *loader) yamlCity(r *row, n *yaml.Node) {
	fail := func(line int, path string, format string, args ...any) {
		r.problems = append(r.problems, l.problem(line, path, format, args...))
		r.bad[fCity] = true
	}
	seen := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			fail(k.Line, "city", "a language tag must be a plain word")
			continue
		}
		if k.Value == "<<" {
			fail(k.Line, "city", "YAML merge keys (<<) are not supported; write the languages out")
			continue
		}
		path := cityPath(k.Value)
		tag, msg := l.cityKey(k.Value, seen)
		switch {
		case msg != "":
			fail(k.Line, path, "%s", msg)
		case v.Kind == yaml.AliasNode:
			fail(v.Line, path, "YAML aliases (*name) are not supported; write the value out")
		case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		case v.Kind == yaml.ScalarNode:
			r.setCity(tag, k.Value, v.Value, k.Line)
		default:
			fail(v.Line, path, "expected text, found %s", input.KindName(v))
		}
	}
}

// lines maps byte offsets of a text to lines, counting forward from the
// last offset asked for.
type lines struct {
	text      []byte
	off, line int
}

func (c *lines) at(off int) int {
	off = max(0, min(off, len(c.text)))
	if off < c.off {
		c.off, c.line = 0, 0
	}
	c.line += bytes.Count(c.text[c.off:off], []byte{'\n'})
	c.off = off
	return c.line + 1
}

// json reads text as a JSON list of writers.
func (l *loader) json(text []byte) error {
	pos := &lines{text: text}
	dec := json.NewDecoder(bytes.NewReader(text))
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return l.fatal(pos.at(int(se.Offset)), "", "not valid JSON: %v", se)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return l.fatal(pos.at(len(text)), "", "not valid JSON: the file ends too early")
		}
		return l.fatal(pos.at(int(dec.InputOffset())), "", "not valid JSON: %v", err)
	}
	tok, err := dec.Token()
	if err != nil {
		return syntax(err)
	}
	if tok != json.Delim('[') {
		return l.fatal(pos.at(int(dec.InputOffset())-1), "", `expected a list of writers: [{"name": …}, …]; found %s`, jsonKind(tok))
	}
	l.emptyLine = pos.at(int(dec.InputOffset()) - 1)
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return syntax(err)
		}
		start := int(dec.InputOffset()) - len(raw)
		r := row{line: pos.at(start)}
		if raw[0] != '{' {
			var v any
			_ = json.Unmarshal(raw, &v)
			r.problems = append(r.problems, l.problem(r.line, "", `expected the fields of a writer ({"name": …}), found %s`, jsonKind(v)))
			l.skipped = append(l.skipped, r.problems...)
			continue
		}
		l.jsonFields(&r, raw, start, pos)
		l.add(&r)
	}
	if _, err := dec.Token(); err != nil { // the closing ]
		return syntax(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err != nil {
			return syntax(err)
		}
		return l.fatal(pos.at(int(dec.InputOffset())), "", "not valid JSON: more after the list of writers")
	}
	return nil
}

// jsonFields reads the object raw, which starts at offset start of the file.
func (l *loader) jsonFields(r *row, raw []byte, start int, pos *lines) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	fail := func(line int, path string, format string, args ...any) {
		r.problems = append(r.problems, l.problem(line, path, format, args...))
	}
	var seen [nFields]bool
	if _, err := dec.Token(); err != nil { // {
		fail(r.line, "", "not valid JSON: %v", err)
		return
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			fail(r.line, "", "not valid JSON: %v", err)
			return
		}
		key, _ := tok.(string)
		line := pos.at(start + int(dec.InputOffset()) - 1)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			fail(line, "", "not valid JSON: %v", err)
			return
		}
		f, ok := keys[key]
		switch {
		case !ok:
			fail(line, key, "%s", unknownKey(key))
			continue
		case seen[f]:
			fail(line, key, "field given twice")
			continue
		}
		seen[f] = true
		r.at[f] = line
		bad := len(r.problems)
		if f == fCity && raw[0] == '{' {
			l.jsonCity(r, raw, start+int(dec.InputOffset())-len(raw), pos)
			if len(r.problems) > bad {
				r.bad[f] = true
			}
			continue
		}
		switch v := jsonValue(raw).(type) {
		case nil:
		case string:
			if f == fAddress {
				r.address = addressLines(r.address, v)
			} else {
				r.val[f] = v
			}
		case json.Number:
			if f == fAddress {
				fail(line, key, "expected a list of lines, found %s", v)
			} else {
				r.val[f] = v.String()
			}
		case []any:
			if f != fAddress {
				fail(line, key, "expected text, found a list")
				break
			}
			for j, item := range v {
				s, ok := item.(string)
				if !ok && item != nil {
					fail(line, fmt.Sprintf("address[%d]", j), "expected a line of the address, found %s", jsonKind(item))
					continue
				}
				r.address = addressLines(r.address, s)
			}
		default:
			if f == fAddress {
				fail(line, key, "expected a list of lines, found %s", jsonKind(v))
			} else {
				fail(line, key, "expected text, found %s", jsonKind(v))
			}
		}
		if len(r.problems) > bad {
			r.bad[f] = true
		}
	}
}

// jsonValue decodes raw, a valid JSON value, keeping numbers as written.
func jsonValue(raw []byte) any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v)
	return v
}

// jsonCity reads the object raw of a city in letter languages; raw is
// valid JSON and starts at offset start of the file.
func (l *loader) jsonCity(r *row, raw []byte, start int, pos *lines) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	seen := map[string]string{}
	if _, err := dec.Token(); err != nil { // {
		return
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		key, _ := tok.(string)
		line := pos.at(start + int(dec.InputOffset()) - 1)
		var v any
		if err := dec.Decode(&v); err != nil {
			return
		}
		path := cityPath(key)
		tag, msg := l.cityKey(key, seen)
		if msg != "" {
			r.problems = append(r.problems, l.problem(line, path, "%s", msg))
			continue
		}
		switch v := v.(type) {
		case nil:
		case string:
			r.setCity(tag, key, v, line)
		case json.Number:
			r.setCity(tag, key, v.String(), line)
		default:
			r.problems = append(r.problems, l.problem(line, path, "expected text, found %s", jsonKind(v)))
		}
	}
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "a list"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return input.Quote(v)
	case nil:
		return "null"
	default:
		return fmt.Sprint(v)
	}
}
