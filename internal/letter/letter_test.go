package letter

import (
	"strings"
	"testing"

	"appeal/internal/casefile"
)

const caseYAML = `reference: UA 115/16
languages: [en]
prisoners: [{name: A}]
facts: F
demands: [D]
recipients:
  - {id: pg, title: T, address: [A], country: KZ}
  - {id: mj, title: T, address: [A], country: KZ}
  - {id: ombudsman, role: copy, title: T, address: [A], country: KZ}
  - {id: embassy-uk, role: embassy, title: T, address: [A], country: GB}
`

func TestSelectAndPlan(t *testing.T) {
	c, err := casefile.Load("c.yaml", strings.NewReader(caseYAML))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		spec []string
		want string
	}{
		{nil, "ua-115-16/en/01-pg ua-115-16/en/02-mj ua-115-16/en/03-ombudsman ua-115-16/en/04-embassy-uk"},
		{[]string{"mj"}, "ua-115-16/en/02-mj"},
		{[]string{"to"}, "ua-115-16/en/01-pg ua-115-16/en/02-mj"},
		{[]string{"embassy", "pg"}, "ua-115-16/en/01-pg ua-115-16/en/04-embassy-uk"},
		{[]string{"copy", "ombudsman"}, "ua-115-16/en/03-ombudsman"},
	}
	for _, tt := range tests {
		idx, err := Select(c, tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range Plan(c, idx, nil, Choice{Lang: "en"}) {
			got = append(got, l.Path)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%v: got %v, want %s", tt.spec, got, tt.want)
		}
	}
	if _, err := Select(c, []string{"nobody"}); err == nil || !strings.Contains(err.Error(), "ids: pg, mj, ombudsman, embassy-uk") {
		t.Errorf("got %v", err)
	}
}
