package country

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"KZ", "KZ", true}, {"kz", "KZ", true}, {" Kazakhstan ", "KZ", true}, {"Republic of Kazakhstan", "KZ", true},
		{"United Kingdom", "GB", true}, {"UK", "GB", true}, {"uk", "GB", true}, {"Great Britain", "GB", true},
		{"USA", "US", true}, {"North Macedonia", "MK", true}, {"Germany", "DE", true},
		{"Atlantis", "", false}, {"UN", "", false}, {"EZ", "", false}, {"", "", false},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestValid(t *testing.T) {
	Valid("KZ") // load
	if n := len(codes); n < 245 || n > 252 {
		t.Errorf("%d country codes; ISO 3166-1 has 249", n)
	}
	for _, c := range []string{"KZ", "GB", "XK"} {
		if !Valid(c) {
			t.Errorf("%s not valid", c)
		}
	}
	for _, c := range []string{"UK", "UN", "EU", "ZZ", "kz", ""} {
		if Valid(c) {
			t.Errorf("%s valid", c)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct{ code, lang, want string }{
		{"KZ", "en", "Kazakhstan"}, {"KZ", "ru", "Казахстан"}, {"KZ", "kk", "Қазақстан"},
		{"GB", "ru", "Великобритания"}, {"MK", "en", "North Macedonia"},
	}
	for _, tt := range tests {
		if got := Name(tt.code, tt.lang); got != tt.want {
			t.Errorf("Name(%s, %s) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
	if got := DestinationLine("GB", "KZ"); got != "KAZAKHSTAN" {
		t.Errorf("GB -> KZ: %q", got)
	}
	if got := DestinationLine("KZ", "KZ"); got != "" {
		t.Errorf("KZ -> KZ: %q", got)
	}
	if got := Upper("België", "nl"); got != "BELGIË" {
		t.Errorf("Upper: %q", got)
	}
}

// TestDestinationLinePosts checks the destination line as the posts of
// German-, French- and Spanish-speaking countries read it (CLDR names).
func TestDestinationLinePosts(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"DE", "KZ", "KASACHSTAN"}, {"CH", "GB", "VEREINIGTES KÖNIGREICH"},
		{"FR", "KZ", "KAZAKHSTAN"}, {"SN", "CI", "CÔTE D’IVOIRE"}, {"BE", "US", "ÉTATS-UNIS"},
		{"ES", "KZ", "KAZAJISTÁN"}, {"MX", "US", "ESTADOS UNIDOS"}, {"AR", "GB", "REINO UNIDO"},
	}
	for _, tt := range tests {
		if got := DestinationLine(tt.from, tt.to); got != tt.want {
			t.Errorf("%s -> %s: %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
