package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CreateSpec's validation and defaults. */
class CreateSpecTest {
    @Test
    void defaultsAreLsiLogicWorkstation6And512ByteSectors() {
        CreateSpec s = CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 2048).build();
        assertEquals(AdapterType.SCSI_LSILOGIC, s.adapter());
        assertEquals(HardwareVersion.WORKSTATION_6, s.hardwareVersion());
        assertEquals(512, s.logicalSectorSize());
        assertEquals(512, s.physicalSectorSize());
        assertEquals(2048L * 512, s.capacityBytes());
    }

    @Test
    void badValuesAreRefusedWithWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CreateSpec.builder(DiskType.MONOLITHIC_FLAT, 0).build()).getMessage().contains("capacitySectors"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CreateSpec.builder(DiskType.MONOLITHIC_FLAT, 8).adapter(AdapterType.UNKNOWN).build())
                .getMessage().contains("UNKNOWN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CreateSpec.builder(DiskType.MONOLITHIC_FLAT, 8).sectorSizes(1024, 4096).build())
                .getMessage().contains("logicalSectorSize"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CreateSpec.builder(DiskType.MONOLITHIC_FLAT, 8).sectorSizes(4096, 512).build())
                .getMessage().contains("must not be smaller"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CreateSpec.builder(DiskType.MONOLITHIC_FLAT, 9).sectorSizes(4096, 4096).build())
                .getMessage().contains("multiple of 8"));
        assertThrows(NullPointerException.class, () -> CreateSpec.builder(null, 8));
    }

    @Test
    void diskTypesAndHardwareVersionsCarryTheCValues() {
        assertEquals(1, DiskType.MONOLITHIC_SPARSE.code());
        assertEquals(8, DiskType.VMFS_SPARSE.code());
        assertEquals(3, HardwareVersion.WORKSTATION_4.code());
        assertEquals(13, HardwareVersion.ESX65.code());
    }
}
