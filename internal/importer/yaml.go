package importer

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"appeal/internal/casefile"
)

// writer builds the case file as a yaml.Node tree with its comments.
type writer struct {
	checks int
}

func str(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

func null() *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
}

func flowSeq(vs []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, v := range vs {
		n.Content = append(n.Content, str(v))
	}
	return n
}

// text is a text as a one-language map: {en: ...}.
func text(lang, v string, literal bool) *yaml.Node {
	val := str(v)
	n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{str(lang), val}}
	if literal {
		n.Style = 0
		val.Style = yaml.LiteralStyle
	}
	return n
}

// check marks n with a "# check:" comment at the end of its line.
func (w *writer) check(n *yaml.Node, why string) *yaml.Node {
	if why == "" {
		return n
	}
	w.checks++
	n.LineComment = comment("check: " + why)
	return n
}

// headCheck marks n with a "# check:" comment on the line before it.
func (w *writer) headCheck(n *yaml.Node, why string) {
	if why == "" {
		return
	}
	w.checks++
	addHead(n, "check: "+why)
}

func addHead(n *yaml.Node, c string) {
	if n.HeadComment != "" {
		n.HeadComment += "\n"
	}
	n.HeadComment += comment(c)
}

// comment makes c a safe YAML comment: one "# " line per line of c, with
// no character a YAML parser would read as a line break.
func comment(c string) string {
	var lines []string
	for _, l := range strings.Split(c, "\n") {
		l = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == '\ufeff' {
				return ' '
			}
			return r
		}, l)
		l = strings.TrimRight(l, " ")
		if l == "" {
			l = "#"
		}
		if !strings.HasPrefix(l, "#") {
			l = "# " + l
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

type mapping struct{ n *yaml.Node }

func newMapping() mapping { return mapping{&yaml.Node{Kind: yaml.MappingNode}} }

func (m mapping) add(key string, v *yaml.Node) (*yaml.Node, *yaml.Node) {
	k := str(key)
	m.n.Content = append(m.n.Content, k, v)
	return k, v
}

// yaml writes the draft as a case file and returns it with the number of
// "# check:" comments.
func (d *draft) yaml(source string) ([]byte, int, error) {
	w := &writer{}
	m := newMapping()
	lang := d.lang
	var others []string
	for _, l := range d.languages {
		if l != lang {
			others = append(others, l)
		}
	}
	translate := ""
	if len(others) > 0 {
		translate = "translate: add " + andList(others) + " texts; the case lists them in languages"
	}

	from := "standard input"
	if source != "" {
		from = source
	}
	head := "Draft case file written by 'appeal import' from " + from + ".\n" +
		"Before any letter goes out, a person checks every value marked \"# check:\",\n" +
		"adds the texts marked \"# translate:\", and runs 'appeal validate' on this file."
	if d.url != "" {
		head += "\nSource: " + d.url
	}

	var refNode *yaml.Node
	if d.reference != "" {
		refNode = w.check(str(d.reference), d.referenceCheck)
	} else {
		refNode = w.check(null(), "no Urgent Action reference (such as UA 115/16) found in the source; add it")
	}
	k, _ := m.add("reference", refNode)
	k.HeadComment = comment(head)

	if d.title != "" {
		t := text(lang, d.title, false)
		k, _ := m.add("title", t)
		if translate != "" {
			addHead(k, translate)
		}
		t.Content[1] = w.check(t.Content[1], d.titleCheck)
		if d.titleCheck != "" {
			// A comment after a flow map's value belongs to the map.
			t.LineComment, t.Content[1].LineComment = t.Content[1].LineComment, ""
		}
	} else {
		m.add("title", w.check(null(), "no title found in the source; give the case a short title"))
	}
	if d.country != "" {
		m.add("country", str(d.country))
	}
	switch {
	case d.deadline.date != "":
		dn := &yaml.Node{Kind: yaml.ScalarNode, Value: d.deadline.date}
		m.add("deadline", w.check(dn, d.deadline.check))
	case d.deadline.check != "":
		m.add("deadline", w.check(null(), d.deadline.check))
	}
	m.add("languages", w.check(flowSeq(d.languages), d.languagesCheck))

	if len(d.prisoners) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, p := range d.prisoners {
			pm := newMapping()
			pm.add("name", text(lang, p.name, false))
			pm.add("gender", w.check(str(p.gender.orUnknown()), p.check))
			seq.Content = append(seq.Content, pm.n)
		}
		k, _ := m.add("prisoners", seq)
		w.headCheck(k, d.prisonersCheck)
		if translate != "" {
			addHead(k, strings.Replace(translate, "texts", "spellings of the names", 1))
		}
	} else {
		m.add("prisoners", w.check(null(), d.prisonersCheck))
	}

	if d.facts != "" {
		k, _ := m.add("facts", text(lang, d.facts+"\n", true))
		w.headCheck(k, "facts copied from the source; rewrite them in your own words and keep them short")
		if translate != "" {
			addHead(k, translate)
		}
	} else {
		m.add("facts", w.check(null(), "no paragraph found to start the facts from; write them"))
	}

	if len(d.demands) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, dm := range d.demands {
			t := text(lang, dm, false)
			t.Style = 0
			seq.Content = append(seq.Content, t)
		}
		k, _ := m.add("demands", seq)
		w.headCheck(k, d.demandsCheck)
		if translate != "" {
			addHead(k, translate)
		}
	} else {
		m.add("demands", w.check(null(), d.demandsCheck))
	}

	if len(d.recipients) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, r := range d.recipients {
			seq.Content = append(seq.Content, w.recipient(r, lang))
		}
		k, _ := m.add("recipients", seq)
		if translate != "" {
			addHead(k, strings.Replace(translate, "texts", "texts of the names, titles and organisations", 1))
		}
	} else {
		m.add("recipients", w.check(null(), "no recipients found in the source; add the officials to write to"))
	}

	var foot []string
	if len(d.notPlaced) > 0 {
		foot = append(foot, "Lines not placed:")
		for _, np := range d.notPlaced {
			foot = append(foot, fmt.Sprintf("  %d: %s", np.n, np.text))
		}
	}
	if d.notImported != "" {
		if len(foot) > 0 {
			foot = append(foot, "")
		}
		foot = append(foot, "Not imported: "+d.notImported+".",
			"The facts above hold the source's first paragraph only.")
	}
	if len(foot) > 0 {
		m.n.FootComment = comment(strings.Join(foot, "\n"))
	}

	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{m.n}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, 0, fmt.Errorf("writing the case file: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, 0, fmt.Errorf("writing the case file: %w", err)
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
		b.WriteByte('\n') // the encoder ends a closing comment without one
	}
	return b.Bytes(), w.checks, nil
}

func (w *writer) recipient(r recipient, lang string) *yaml.Node {
	m := newMapping()
	w.headCheck(m.n, r.checks["recipient"])
	m.add("id", str(r.ID))
	m.add("role", str(r.Role))
	addText := func(key string, t casefile.Text) {
		if t == nil {
			return
		}
		n := text(lang, t[lang], false)
		m.add(key, w.check(n, r.checks[key]))
	}
	addText("name", r.Name)
	addText("title", r.Title)
	if r.Gender != "" {
		m.add("gender", w.check(str(r.Gender), r.checks["gender"]))
	} else if r.checks["gender"] != "" {
		m.add("gender", w.check(str(casefile.Unknown), r.checks["gender"]))
	}
	addText("organisation", r.Organisation)
	addText("care_of", r.CareOf)
	if len(r.Address) > 0 {
		m.add("address", w.check(flowSeq(r.Address[""]), r.checks["address"]))
	} else {
		m.add("address", w.check(null(), r.checks["address"]))
	}
	if r.Country != "" {
		m.add("country", w.check(str(r.Country), r.checks["country"]))
	} else {
		m.add("country", w.check(null(), r.checks["country"]))
	}
	for _, f := range []struct{ key, v string }{{"fax", r.Fax}, {"phone", r.Phone}, {"email", r.Email}} {
		switch {
		case f.v != "":
			n := str(f.v)
			if f.key != "email" {
				n.Style = yaml.DoubleQuotedStyle
			}
			m.add(f.key, w.check(n, r.checks[f.key]))
		case r.checks[f.key] != "":
			m.add(f.key, w.check(null(), r.checks[f.key]))
		}
	}
	addText("salutation", r.Salutation)
	return m.n
}

// andList writes [kk ru] as "kk and ru", [a b c] as "a, b and c".
func andList(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}
