import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, PageHeader, SectionTitle } from "@/components/ui/card";
import { EmptyState, QueryState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { doctorName, useDoctors, type Doctor } from "@/features/directory/api/directory";
import { DoctorPanel, NewDoctorForm } from "@/features/directory/components/doctor-panel";

export function AdminDoctorsPage() {
  const doctors = useDoctors();
  const [selected, setSelected] = useState<Doctor | "new" | null>(null);
  return (
    <>
      <PageHeader title="Doctors" actions={<Button onClick={() => setSelected("new")}>New doctor</Button>} />
      {selected === "new" && (
        <Card className="mb-6" aria-labelledby="new-doctor">
          <SectionTitle id="new-doctor">New doctor</SectionTitle>
          <NewDoctorForm onDone={() => setSelected(null)} />
        </Card>
      )}
      {selected && selected !== "new" && <DoctorDetail key={selected.id} doctor={selected} onClose={() => setSelected(null)} />}
      <Card>
        <QueryState query={doctors} empty={<EmptyState title="No doctors yet." />}>
          {(data) => (
            <Table caption="Doctors" head={["Name", "Specialty", "License", "Experience", ""]}>
              {data.items.map((d) => (
                <tr key={d.id}>
                  <Td className="font-medium">{doctorName(d)}</Td>
                  <Td>{d.specialty_name}</Td>
                  <Td>{d.license_number}</Td>
                  <Td>{d.years_of_experience} years</Td>
                  <Td>
                    <Button size="sm" variant="secondary" aria-label={`Manage ${doctorName(d)}`} onClick={() => setSelected(d)}>
                      Manage
                    </Button>
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </QueryState>
      </Card>
    </>
  );
}

function DoctorDetail({ doctor, onClose }: { doctor: Doctor; onClose: () => void }) {
  return (
    <Card className="mb-6 space-y-6" aria-labelledby="doctor-detail">
      <div className="flex items-center justify-between">
        <SectionTitle id="doctor-detail">{doctorName(doctor)}</SectionTitle>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <DoctorPanel doctor={doctor} onCancel={onClose} />
    </Card>
  );
}
