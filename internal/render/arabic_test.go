package render

import (
	"strings"
	"testing"
	"time"

	"appeal/internal/casefile"
)

// TestArabicPersianLetters pins what the Arabic and Persian locales add:
// salutations, the joined "و" and the Arabic comma between names, the
// demands numbered in the digits of the letter's region, the date.
func TestArabicPersianLetters(t *testing.T) {
	r := newRenderer(t)
	c, err := casefile.LoadFile("../../cases/narges-mohammadi-2022.yaml")
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2017, 2, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, region string
		date, sal    string
		markers      string
	}{
		{"fa", "", "تاریخ: ۲۲ بهمن ۱۳۹۵", "با سلام", "۱. ۲. ۳."},
		{"ar", "", "10 فبراير 2017", "سماحة رئيس السلطة القضائية المحترم،", "1- 2- 3-"},
		{"ar", "EG", "١٠ فبراير ٢٠١٧", "سماحة رئيس السلطة القضائية المحترم،", "١- ٢- ٣-"},
	}
	for _, tt := range tests {
		l, err := r.Letter(Input{Case: c, Recipient: c.Recipients[0], Lang: tt.lang, Region: tt.region, Date: date, SameText: true})
		if err != nil {
			t.Fatal(err)
		}
		var markers []string
		for _, b := range l.Body {
			if b.Marker != "" {
				markers = append(markers, b.Marker)
			}
		}
		if tt.lang == "ar" {
			// The greeting follows the salutation; the facts take the
			// letter's digits (the address keeps its own).
			facts := map[string]string{"": "10 سنوات و8 أشهر", "EG": "١٠ سنوات و٨ أشهر"}[tt.region]
			if l.Body[0].Text != "تحية طيبة وبعد،" || !strings.Contains(strings.ReplaceAll(l.Body[2].Text, "\u00a0", " "), facts) {
				t.Errorf("ar-%s: greeting %q, facts %q; want the facts with %q", tt.region, l.Body[0].Text, l.Body[2].Text, facts)
			}
			if !strings.Contains(strings.ReplaceAll(strings.Join(l.Recipient, "\n"), "\u00a0", " "), "No. 15") {
				t.Errorf("ar-%s: address %q", tt.region, l.Recipient)
			}
		}
		if strings.ReplaceAll(l.Date, "\u00a0", " ") != tt.date || l.Salutation != tt.sal || strings.Join(markers, " ") != tt.markers {
			t.Errorf("%s-%s: date %q, salutation %q, markers %q; want %q, %q, %q",
				tt.lang, tt.region, l.Date, l.Salutation, markers, tt.date, tt.sal, tt.markers)
		}
	}

	// Derived salutations, by gender.
	for _, tt := range []struct {
		lang, gender, title, want, honorific string
	}{
		{"ar", casefile.Male, "الوزير", "السيد الوزير المحترم،", ""},
		{"ar", casefile.Female, "الوزيرة", "معالي الوزيرة المحترمة،", "معالي السيدة"},
		{"ar", casefile.Male, "السفير", "سعادة السفير المحترم،", "سعادة السيد"},
		{"ar", casefile.Male, "رئيس السلطة القضائية", "سماحة رئيس السلطة القضائية المحترم،", "سماحة حجة الإسلام والمسلمين السيد"},
		{"ar", casefile.Male, "الرئيس", "سيادة الرئيس المحترم،", "سيادة"},
		{"ar", casefile.Female, "رئيسة الوزراء", "دولة رئيسة الوزراء المحترمة،", "دولة السيدة"},
		{"ar", casefile.Female, "الوزيرة", "السيدة الوزيرة المحترمة،", ""},
		{"ar", "", "", "تحية طيبة وبعد،", ""},
		{"fa", casefile.Male, "سفیر", "با سلام", ""},
		{"fa", casefile.Female, "وزیر", "با سلام", ""},
		{"fa", casefile.Unknown, "وزیر", "با سلام", ""},
		{"fa", "", "", "با سلام", ""},
	} {
		loc, _ := r.Locale(tt.lang)
		rc := casefile.Recipient{Gender: tt.gender}
		if tt.title != "" {
			rc.Title = casefile.Text{tt.lang: tt.title}
		}
		if tt.honorific != "" {
			rc.Honorific = casefile.Text{tt.lang: tt.honorific}
		}
		if got, _ := salutation(rc, tt.lang, loc.Salutation); got != tt.want {
			t.Errorf("%s %s %q: got %q, want %q", tt.lang, tt.gender, tt.title, got, tt.want)
		}
	}

	// A named official with no title in Arabic: by gender and full name;
	// validate asks for the gender when it is not given.
	loc, _ := r.Locale("ar")
	for gender, want := range map[string]string{casefile.Female: "السيدة سام سميث المحترمة،", casefile.Male: "السيد سام سميث المحترم،", "": "تحية طيبة وبعد،"} {
		rc := casefile.Recipient{Name: casefile.Text{"ar": "سام سميث"}, Gender: gender}
		if got, _ := salutation(rc, "ar", loc.Salutation); got != want {
			t.Errorf("ar named, gender %q: got %q, want %q", gender, got, want)
		}
	}
	for gender, want := range map[string]string{"female": "", "unknown": "recipients[0].gender: an Arabic letter addresses a named official without a title by name"} {
		c, err := casefile.Load("n.yaml", strings.NewReader(`reference: UA 1/26
languages: [ar]
country: KZ
prisoners: [{name: أ, gender: male}]
facts: ف.
demands: [الإفراج عنه.]
recipients:
  - {id: a, name: سام سميث, gender: `+gender+`, address: [1 Street, Astana], country: KZ}
`))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if ps := r.Check(c, "ar"); len(ps) > 0 {
			got = ps.Error()
		}
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("check, gender %s: %q; want %q", gender, got, want)
		}
	}

	// Names: the Arabic "و" joins every name after the first; Persian
	// uses the Arabic comma.
	for lang, want := range map[string]string{
		"ar": "أ وب وج",
		"fa": "الف، ب و پ",
	} {
		loc, _ := r.Locale(lang)
		names := map[string][]string{"ar": {"أ", "ب", "ج"}, "fa": {"الف", "ب", "پ"}}[lang]
		if got := joinNames(names, loc); got != want {
			t.Errorf("%s names: got %q, want %q", lang, got, want)
		}
	}
}

// TestArabicThese: "these requests" agrees with the number of demands, in
// the genitive the sentences need: هذا المطلب، هذين المطلبين، هذه المطالب.
func TestArabicThese(t *testing.T) {
	r := newRenderer(t)
	for n, want := range map[int]string{1: "هذا المطلب", 2: "هذين المطلبين", 3: "هذه المطالب", 5: "هذه المطالب"} {
		got, err := execute(r.langs["ar"].tmpl, "these", Data{Demands: make([]string, n)})
		if err != nil || got != want {
			t.Errorf("%d demands: %q (%v), want %q", n, got, err, want)
		}
	}
	// The object of ستولون with what it deserves, the verb agreeing.
	for n, want := range map[int]string{1: "هذا المطلب ما يستحقه", 2: "هذين المطلبين ما يستحقانه", 3: "هذه المطالب ما تستحقه"} {
		got, err := execute(r.langs["ar"].tmpl, "these-due", Data{Demands: make([]string, n)})
		if err != nil || got != want {
			t.Errorf("these-due, %d demands: %q (%v), want %q", n, got, err, want)
		}
	}
}
