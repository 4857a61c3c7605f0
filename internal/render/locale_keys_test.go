package render

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"

	"appeal/internal/casefile"
	"appeal/internal/doc"
	"appeal/templates"
)

// withLocale is a renderer of en and of it, English with extra
// locale.yaml keys.
func withLocale(t *testing.T, extra string) *Renderer {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"en/letter.tmpl", "en/locale.yaml"} {
		data, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
		xx := "it" + strings.TrimPrefix(name, "en")
		if strings.HasSuffix(name, "locale.yaml") {
			data = append(append([]byte(nil), data...), "\n"+extra+"\n"...)
		}
		fsys[xx] = &fstest.MapFile{Data: data}
	}
	r, err := NewLayers(Layer{Name: "test", FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// keyCase is a case with texts in en and it (the same).
func keyCase(t *testing.T, src string) *casefile.Case {
	t.Helper()
	c, err := casefile.Load("x.yaml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const keysCase = `
reference: UA 115/16
languages: [en, it]
country: KZ
prisoners:
  - {name: Anna, gender: female}
  - {name: Boris, gender: male}
  - {name: Chingiz, gender: male}
facts:
  en: Detained on 3 March 2026.
  it: احتجزوا في 3 مارس 2026 (UA 115/16)، انظر https://example.org/a/2026 أو اكتب إلى ua2026@example.org؛ 12 Example Street، No. 15.
demands:
  - {en: Release them., it: الإفراج عنهم قبل 1 مايو 2026.}
  - {en: Protect them., it: حمايتهم.}
recipients:
  - id: minister
    name: Aida Sarsenova
    title: Minister
    gender: female
    address: [1 Tauelsizdik Avenue, "Astana, 010000"]
    country: KZ
  - id: office
    role: copy
    organisation: Office of the Ombudsman
    address: [8 Orynbor Street]
    country: KZ
`

func letterBody(l doc.Letter) []string {
	var out []string
	for _, b := range l.Body {
		out = append(out, strings.TrimSpace(b.Marker+" "+b.Text))
	}
	return out
}

// TestGreeting: greeting is the body's first paragraph, unless the
// salutation is the greeting itself.
func TestGreeting(t *testing.T) {
	r := withLocale(t, `greeting: "With respect,"`)
	c := keyCase(t, keysCase)
	for _, tt := range []struct {
		rc           int
		untitled     string
		sal, first   string
		greetingSeen bool
	}{
		{0, "", "Dear Minister,", "With respect,", true},
		{1, "", "Dear Sir or Madam,", "With respect,", true},
	} {
		l, err := r.Letter(Input{Case: c, Recipient: c.Recipients[tt.rc], Lang: "it", Date: time.Now(), SameText: true})
		if err != nil {
			t.Fatal(err)
		}
		if l.Salutation != tt.sal || l.Body[0].Text != tt.first || l.Body[0].Marker != "" {
			t.Errorf("recipient %d: salutation %q, first paragraph %q; want %q, %q", tt.rc, l.Salutation, l.Body[0].Text, tt.sal, tt.first)
		}
	}
	// The untitled salutation that is the greeting is not repeated.
	r = withLocale(t, `greeting: "Dear Sir or Madam,"`)
	l, err := r.Letter(Input{Case: c, Recipient: c.Recipients[1], Lang: "it", Date: time.Now(), SameText: true})
	if err != nil {
		t.Fatal(err)
	}
	if l.Body[0].Text == "Dear Sir or Madam," {
		t.Errorf("greeting repeated after the salutation %q", l.Salutation)
	}
	// Without the key, no greeting: English is unchanged.
	l, err = newRenderer(t).Letter(Input{Case: keyCase(t, strings.ReplaceAll(keysCase, "[en, it]", "[en]")), Recipient: c.Recipients[0], Lang: "en", Date: time.Now(), SameText: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(l.Body[0].Text, "With respect") {
		t.Errorf("en has a greeting: %q", l.Body[0].Text)
	}
}

// TestLocaleHonorific: a named recipient of known gender without an
// honorific in the language gets the locale's in the address block and
// on the copy line; a case's honorific wins; no gender, none.
func TestLocaleHonorific(t *testing.T) {
	loc := Locale{Honorific: Gendered{Male: "Mr", Female: "Ms"}}
	for _, tt := range []struct {
		rc   casefile.Recipient
		want string
	}{
		{casefile.Recipient{Name: casefile.Text{"it": "Aida S."}, Gender: casefile.Female}, "Ms Aida S."},
		{casefile.Recipient{Name: casefile.Text{"it": "A. Poslov"}, Gender: casefile.Male}, "Mr A. Poslov"},
		{casefile.Recipient{Name: casefile.Text{"it": "A. Poslov"}, Gender: casefile.Male, Honorific: casefile.Text{"it": "His Excellency"}}, "His Excellency A. Poslov"},
		{casefile.Recipient{Name: casefile.Text{"it": "A. Poslov"}, Honorific: casefile.Text{"en": "Mr"}}, "A. Poslov"},
		{casefile.Recipient{Title: casefile.Text{"it": "Minister"}, Gender: casefile.Male}, "Minister"},
	} {
		if got := addressBlock(tt.rc, nil, "it", loc)[0]; got != tt.want {
			t.Errorf("%+v: first line %q, want %q", tt.rc, got, tt.want)
		}
	}
	var g Gendered
	if err := yaml.Unmarshal([]byte(`السيد`), &g); err != nil || g.Male != "السيد" || g.Female != "السيد" {
		t.Errorf("one string for every gender: %+v, %v", g, err)
	}
	if err := yaml.Unmarshal([]byte(`{male: a, femail: b}`), &g); err == nil {
		t.Errorf("a misspelt gender is not an error")
	}
}

// TestAndEach: "and" before every name after the first, attached or not.
func TestAndEach(t *testing.T) {
	for _, tt := range []struct {
		loc   Locale
		names []string
		want  string
	}{
		{Locale{And: "و", AndAttached: true, AndEach: true, Comma: "،"}, []string{"أ", "ب", "ج"}, "أ وب وج"},
		{Locale{And: "و", AndAttached: true, AndEach: true}, []string{"أ", "ب"}, "أ وب"},
		{Locale{And: "و", AndEach: true}, []string{"الف", "ب", "پ", "ت"}, "الف و ب و پ و ت"},
		{Locale{And: "и", AndEach: true}, []string{"A"}, "A"},
		{Locale{And: "and"}, []string{"A", "B", "C"}, "A, B and C"},
	} {
		if got := joinNames(tt.names, tt.loc); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.names, got, tt.want)
		}
	}
}

// TestSalutationByHonorific: the first word of the honorific picks the
// pattern; a pattern per gender, or one for all; an office gets the
// organisation pattern.
func TestSalutationByHonorific(t *testing.T) {
	var rules Salutation
	if err := yaml.Unmarshal([]byte(`
male: "السيد {title} المحترم،"
female: "السيدة {title} المحترمة،"
untitled: "تحية طيبة وبعد،"
organisation: "السادة/ {organisation} المحترمين،"
by_honorific:
  "معالي": {male: "معالي {title} المحترم،", female: "معالي {title} المحترمة،"}
  "سعادة": "سعادة {title}،"
  "سعادة السفير": {male: "x،"}
`), &rules); err != nil {
		t.Fatal(err)
	}
	rc := func(honorific, gender, title string) casefile.Recipient {
		r := casefile.Recipient{Gender: gender, Title: casefile.Text{"ar": title}, Name: casefile.Text{"ar": "س"}}
		if honorific != "" {
			r.Honorific = casefile.Text{"ar": honorific}
		}
		return r
	}
	for _, tt := range []struct {
		rc   casefile.Recipient
		want string
	}{
		{rc("معالي السيدة", casefile.Female, "الوزيرة"), "معالي الوزيرة المحترمة،"},
		{rc("معالي", casefile.Male, "الوزير"), "معالي الوزير المحترم،"},
		{rc("سعادة السيد", casefile.Male, "السفير"), "سعادة السفير،"},
		{rc("سعادة السيد", casefile.Unknown, "السفير"), "سعادة السفير،"},
		{rc("سعادة السفير", casefile.Male, "السفير"), "x،"},
		{rc("السيد", casefile.Male, "الوزير"), "السيد الوزير المحترم،"},
		{rc("معاليه", casefile.Male, "الوزير"), "السيد الوزير المحترم،"},
		{rc("معالي السيد", casefile.Unknown, "الوزير"), "تحية طيبة وبعد،"},
		{casefile.Recipient{Organisation: casefile.Text{"ar": "مكتب المفوض"}}, "السادة/ مكتب المفوض المحترمين،"},
		{casefile.Recipient{Organisation: casefile.Text{"ar": "مكتب"}, Name: casefile.Text{"ar": "س"}}, "تحية طيبة وبعد،"},
	} {
		if got, _ := salutation(tt.rc, "ar", rules); got != tt.want {
			t.Errorf("%v %s %v: got %q, want %q", tt.rc.Honorific, tt.rc.Gender, tt.rc.Organisation, got, tt.want)
		}
	}
	if rules.End() != "،" {
		t.Errorf("End: %q", rules.End())
	}
}

// TestListMarker: list_marker writes the demands' numbers, in the
// locale's digits.
func TestListMarker(t *testing.T) {
	for _, tt := range []struct {
		loc      Locale
		in, want string
	}{
		{Locale{ListMarker: "{n}-"}, "12.", "12-"},
		{Locale{ListMarker: "{n})"}, "1.", "1)"},
		{Locale{}, "1.", "1."},
		{Locale{ListMarker: "{n}-"}, "•", "•"},
	} {
		if got := tt.loc.listMarker(tt.in); got != tt.want {
			t.Errorf("%q with %q: got %q, want %q", tt.in, tt.loc.ListMarker, got, tt.want)
		}
	}
	r := withLocale(t, "list_marker: \"{n}-\"\nnumbering: arab")
	c := keyCase(t, keysCase)
	l, err := r.Letter(Input{Case: c, Recipient: c.Recipients[0], Lang: "it", Date: time.Now(), SameText: true})
	if err != nil {
		t.Fatal(err)
	}
	var markers []string
	for _, b := range l.Body {
		if b.Marker != "" {
			markers = append(markers, b.Marker)
		}
	}
	if strings.Join(markers, " ") != "١- ٢-" {
		t.Errorf("markers %q, want ١- ٢-", markers)
	}
}

// TestCaseDigits: the case's texts take the letter's digits, except in
// references, addresses, e-mail addresses and URLs, and Latin words.
func TestCaseDigits(t *testing.T) {
	for _, tt := range []struct {
		ns, in, want string
	}{
		{"arab", "في 3 مارس 2026", "في ٣ مارس ٢٠٢٦"},
		{"arabext", "در 3 اسفند 1404", "در ۳ اسفند ۱۴۰۴"},
		{"latn", "في 3 مارس", "في 3 مارس"},
		{"", "في 3 مارس", "في 3 مارس"},
		{"arab", "(UA 115/16) و10 سنوات", "(UA 115/16) و١٠ سنوات"},
		{"arab", "12 Example Street، No. 15، SW1Y 5EA", "12 Example Street، No. 15، SW1Y 5EA"},
		{"arab", "https://example.org/2026 أو ua1@example.org، منذ 7 أيام", "https://example.org/2026 أو ua1@example.org، منذ ٧ أيام"},
		{"arab", "www.x.org/22 في 22", "www.x.org/22 في ٢٢"},
	} {
		if got := caseDigits(tt.ns, tt.in); got != tt.want {
			t.Errorf("%s %q: got %q, want %q", tt.ns, tt.in, got, tt.want)
		}
	}
	if got := caseDigits("arab", "المرجع 115/16 في 3", "115/16"); got != "المرجع 115/16 في ٣" {
		t.Errorf("reference kept: got %q", got)
	}

	// In a letter: the facts, the demands, by the region's numbering.
	c := keyCase(t, keysCase)
	for numbering, want := range map[string][]string{
		"latn": {"في 3 مارس 2026 (UA 115/16)", "قبل 1 مايو 2026"},
		"arab": {"احتجزوا في ٣ مارس ٢٠٢٦ (UA 115/16)، انظر https://example.org/a/2026 أو اكتب إلى ua2026@example.org؛ 12 Example Street، No. 15.", "قبل ١ مايو ٢٠٢٦"},
	} {
		l, err := withLocale(t, "numbering: "+numbering).Letter(Input{Case: c, Recipient: c.Recipients[0], Lang: "it", Date: time.Now(), SameText: true})
		if err != nil {
			t.Fatal(err)
		}
		body := strings.Join(letterBody(l), "\n")
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q:\n%s", numbering, w, body)
			}
		}
		if addr := strings.Join(l.Recipient, "\n"); strings.ContainsAny(addr, "٠١٢٣٤٥٦٧٨٩") {
			t.Errorf("%s: address changed: %s", numbering, addr)
		}
	}
}

// TestLanguageArticle: "an Arabic letter", "a Russian letter".
func TestLanguageArticle(t *testing.T) {
	for lang, want := range map[string]string{"ar": "an Arabic", "ru": "a Russian", "en": "an English", "uk": "a Ukrainian", "ur": "an Urdu", "fa": "a Persian"} {
		if got := aLanguage(lang); got != want {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
}

func TestCopyLine(t *testing.T) {
	for _, tc := range []struct{ pattern, want string }{
		{"Copy to:", "Copy to: A; B"},
		{"رونوشت: {names} جهت استحضار", "رونوشت: A; B جهت استحضار"},
	} {
		if got := copyLine(tc.pattern, "A; B"); got != tc.want {
			t.Errorf("copyLine(%q) = %q, want %q", tc.pattern, got, tc.want)
		}
	}
}
