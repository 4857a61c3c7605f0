package script

import "testing"

func TestOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Manchester", "Latn"},
		{"Санкт-Петербург", "Cyrl"},
		{"Я пишу из Алматы, где многие знают Amnesty International.", "Cyrl"},
		{"I am writing from Алматы.", "Latn"},
		{"Қазақстан", "Cyrl"},
		{"1500 km", "Latn"},
		{"12345 -", ""},
		{"", ""},
		{"تهران", "Arab"},
		{"北京", "Hani"},
	}
	for _, tt := range tests {
		if got := Of(tt.in); got != tt.want {
			t.Errorf("Of(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFits(t *testing.T) {
	tests := []struct {
		text, lang string
		want       bool
	}{
		{"Manchester", "en", true},
		{"Manchester", "ru", false},
		{"Манчестер", "ru", true},
		{"Манчестер", "kk", true},
		{"Манчестер", "en", false},
		{"Gdańsk", "en-GB", true},
		{"010000", "ru", true},
		{"Zürich", "de", true},
	}
	for _, tt := range tests {
		if got := Fits(tt.text, tt.lang); got != tt.want {
			t.Errorf("Fits(%q, %q) = %v, want %v", tt.text, tt.lang, got, tt.want)
		}
	}
}
