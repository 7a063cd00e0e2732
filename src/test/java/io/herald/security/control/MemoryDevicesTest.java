package io.herald.security.control;

class MemoryDevicesTest extends DevicesContract {

    @Override
    protected Devices devices() {
        return new MemoryDevices();
    }
}
