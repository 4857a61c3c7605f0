package render

import (
	"testing"

	xlanguage "golang.org/x/text/language"
)

// TestPlural pins the CLDR plural rules the templates' plural uses.
func TestPlural(t *testing.T) {
	ru := []string{"узник", "узника", "узников"}
	tests := []struct {
		lang  string
		words []string
		want  map[int]string
	}{
		{"ru", ru, map[int]string{1: "узник", 2: "узника", 4: "узника", 5: "узников", 11: "узников", 21: "узник", 22: "узника", 25: "узников", 0: "узников"}},
		{"fr", []string{"prisonnier", "prisonniers"}, map[int]string{0: "prisonnier", 1: "prisonnier", 2: "prisonniers"}},
		{"en", []string{"prisoner", "prisoners"}, map[int]string{0: "prisoners", 1: "prisoner", 2: "prisoners", 21: "prisoners"}},
		{"kk", []string{"тұтқын", "тұтқын"}, map[int]string{1: "тұтқын", 2: "тұтқын"}},
		{"de", []string{"Gefangener", "Gefangene"}, map[int]string{1: "Gefangener", 3: "Gefangene"}},
		{"es", []string{"preso", "presos"}, map[int]string{1: "preso", 2: "presos"}},
	}
	for _, tt := range tests {
		tag := xlanguage.MustParse(tt.lang)
		for n, want := range tt.want {
			if got := pluralWord(tag, n, tt.words); got != want {
				t.Errorf("%s %d: got %q, want %q", tt.lang, n, got, want)
			}
		}
	}
	// In a template.
	r := newRenderer(t)
	l := r.langs["ru"]
	tmpl, err := l.tmpl.Clone()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err = tmpl.New("x").Parse(`{{plural .Count "узник" "узника" "узников"}}`)
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{1: "узник", 3: "узника", 5: "узников"} {
		s, err := execute(tmpl, "x", Data{Count: n})
		if err != nil || s != want {
			t.Errorf("template, %d: %q, %v; want %q", n, s, err, want)
		}
	}
}
