package letter

import (
	"regexp"
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

func TestPlanBatchNamesAndWriterKey(t *testing.T) {
	c := &casefile.Case{Reference: "UA 115/16", Recipients: []casefile.Recipient{{ID: "prosecutor-general"}, {ID: "minister"}}}
	jane := &casefile.Sender{Name: "Jane Doe", Address: []string{"1 High Street"}, Postcode: "LS1 1AA", Country: "GB"}
	jane2 := &casefile.Sender{Name: "Jane Doe", Address: []string{"2 Low Road"}, Postcode: "YO1 7HH", Country: "GB"}
	plan := PlanBatch(c, []int{0, 1}, []Writer{{Sender: jane, Lang: Choice{Lang: "en"}}, {Sender: jane2, Lang: Choice{Lang: "en"}}})
	if len(plan) != 4 {
		t.Fatalf("planned %d letters, want 4", len(plan))
	}
	first := regexp.MustCompile(`^ua-115-16/en/jane-doe-[0-9a-f]{6}--01-prosecutor-general$`)
	if !first.MatchString(plan[0].Path) {
		t.Errorf("first letter at %q, want ua-115-16/en/jane-doe-<id>--01-prosecutor-general", plan[0].Path)
	}
	if k0, k1 := WriterKey(plan[0].Path), WriterKey(plan[1].Path+".pdf"); k0 != k1 {
		t.Errorf("one writer's letters have keys %q and %q", k0, k1)
	}
	if k0, k2 := WriterKey(plan[0].Path), WriterKey(plan[2].Path); k0 == k2 {
		t.Errorf("two writers named Jane Doe at different addresses share the key %q", k0)
	}
	// A batch written with a folder per writer names the same writer.
	if got, want := WriterKey("ua-115-16/en/jane-doe-3f9a1c/01-prosecutor-general.pdf"), "ua-115-16/en/jane-doe-3f9a1c"; got != want {
		t.Errorf("WriterKey of the folder layout = %q, want %q", got, want)
	}
	if got, want := WriterKey("ua-115-16/en/jane-doe-3f9a1c--01-prosecutor-general.pdf"), "ua-115-16/en/jane-doe-3f9a1c"; got != want {
		t.Errorf("WriterKey = %q, want %q", got, want)
	}
}
