import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCockpitQuery } from '../../api/hooks';
import { BoardHeader } from '../../components/BoardHeader';
import { OutboxCard } from './OutboxCard';
import { PlatformCard } from './PlatformCard';
import { ProgressCard } from './ProgressCard';
import { QuarantineCard } from './QuarantineCard';
import { StorageCard } from './StorageCard';

/**
 * Everything about sync in one place: which platform, how far each resource has come, the local
 * changes still on their way (and the conflicts that need the user), and the records kept aside.
 * The status bar leads here.
 */
export default function SyncBoard() {
  const { t } = useTranslation();
  const platform = useCockpitQuery('platform.get', {});
  // The sync engine exists only while a platform is connected; without one there is nothing to ask.
  const connected = platform.data !== undefined && platform.data.kind !== 'none';
  const platformCard = (
    <Col span={24} key="platform">
      <PlatformCard />
    </Col>
  );
  return (
    <>
      <BoardHeader title={t('boards.sync.title')} description={t('boards.sync.description')} />
      <Row gutter={[16, 16]}>
        {/* Not connected: choosing a platform is the one thing to do here, so it comes first. */}
        {!connected && platformCard}
        <Col span={24}>
          <ProgressCard connected={connected} />
        </Col>
        <Col span={24}>
          <OutboxCard connected={connected} />
        </Col>
        <Col span={24}>
          <QuarantineCard connected={connected} />
        </Col>
        <Col span={24}><StorageCard /></Col>
        {connected && platformCard}
      </Row>
    </>
  );
}
